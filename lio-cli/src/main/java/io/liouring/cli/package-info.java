/** The {@code lio} command-line tool. */
package io.liouring.cli;
