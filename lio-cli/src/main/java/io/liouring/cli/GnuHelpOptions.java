package io.liouring.cli;

import picocli.CommandLine.Option;

/**
 * {@code --help} and {@code --version} as the coreutils commands have them: long options only, so that {@code -h}
 * and {@code -V} are invalid options ({@code lio cat: invalid option -- 'h'}) as they are for {@code cat}, {@code cp},
 * {@code stat} and {@code sha256sum}. Mixed into those commands instead of picocli's standard help options.
 */
final class GnuHelpOptions {
    /** Set by {@code --help}: picocli prints the usage text and the command does not run. */
    @Option(names = "--help", usageHelp = true, description = "Display this help and exit.")
    boolean help;

    /** Set by {@code --version}: picocli prints the version and the command does not run. */
    @Option(names = "--version", versionHelp = true, description = "Output version information and exit.")
    boolean version;
}
