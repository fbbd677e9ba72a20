package io.liouring.nio.realserver;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The server side of an SSH {@code exec} request for {@code cat}: copies the channel's input to its output until the
 * client's end of file, then exits with status 0 (1 if the copy failed), on a thread of its own as SSHD expects.
 */
final class CatOverSsh implements Command {
    private InputStream in;
    private OutputStream out;
    private ExitCallback exit;
    private Thread copier;

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        // cat writes nothing to standard error
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        copier = Thread.ofPlatform().daemon().name("cat-over-ssh").start(() -> {
            int status = 0;
            try {
                in.transferTo(out);
                out.flush();
            } catch (IOException e) {
                status = 1;
            }
            exit.onExit(status);
        });
    }

    @Override
    public void destroy(ChannelSession channel) {
        copier.interrupt();
    }
}
