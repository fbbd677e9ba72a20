package io.liouring.property;

import io.liouring.Completion;

/**
 * What a request in flight is expected to post. {@link #accept} checks one of its completions (throwing an
 * {@link AssertionError} if the kernel broke the rules) and says whether it was the last one.
 */
abstract class Expected {
    final String what;

    Expected(String what) {
        this.what = what;
    }

    abstract boolean accept(Completion c);
}
