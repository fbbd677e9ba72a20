package io.liouring.examples;

import io.liouring.async.EventLoop;
import io.liouring.file.AsyncFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Copies each file named on the command line to FILE.bak, one virtual thread per file, all through one ring. */
public class BackupFiles {
    public static void main(String[] args) throws Exception {
        try (EventLoop loop = EventLoop.open();
             var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> copies = new ArrayList<>();
            for (String arg : args) {                                         // thousands of these are fine
                Path path = Path.of(arg);
                copies.add(threads.submit(() -> {
                    byte[] content = AsyncFile.readAllBytes(loop, path);      // parks until the ring has read it all
                    AsyncFile.writeAll(loop, Path.of(path + ".bak"), content);
                    return content.length;
                }));
            }
            for (int i = 0; i < args.length; i++) {
                System.out.println(args[i] + ".bak: " + copies.get(i).get() + " bytes");   // get() rethrows a failure
            }
        }
    }
}
