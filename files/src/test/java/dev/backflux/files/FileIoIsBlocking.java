package dev.backflux.files;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Makes BlockHound count NIO file I/O as blocking, which it does not by default (only java.io streams): reading,
 * writing and forcing a file through a FileChannel or Files.newInputStream, on JDK 17 (FileDispatcherImpl) and
 * later JDKs (UnixFileDispatcherImpl). This module's suite then fails any test whose file I/O runs on a
 * non-blocking thread.
 */
public final class FileIoIsBlocking implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        for (String dispatcher : new String[] {"sun.nio.ch.FileDispatcherImpl", "sun.nio.ch.UnixFileDispatcherImpl"}) {
            builder.markAsBlocking(dispatcher, "read0", "(Ljava/io/FileDescriptor;JI)I");
            builder.markAsBlocking(dispatcher, "write0", "(Ljava/io/FileDescriptor;JI)I");
            builder.markAsBlocking(dispatcher, "pread0", "(Ljava/io/FileDescriptor;JIJ)I");
            builder.markAsBlocking(dispatcher, "pwrite0", "(Ljava/io/FileDescriptor;JIJ)I");
            builder.markAsBlocking(dispatcher, "force0", "(Ljava/io/FileDescriptor;Z)I");
        }
    }
}
