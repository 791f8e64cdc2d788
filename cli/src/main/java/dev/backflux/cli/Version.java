package dev.backflux.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the jar's manifest gives, or the development build's. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"backflux " + (version == null ? "(development build)" : version)};
    }
}
