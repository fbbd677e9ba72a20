/** A program that uses lio-uring as a dependency, as a user's project would. */
module lio.consumer {
    requires io.liouring;
}
