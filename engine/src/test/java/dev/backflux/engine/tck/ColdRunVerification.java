package dev.backflux.engine.tck;

import org.testng.annotations.Test;

/** The rules that cannot apply to any cold run ({@code Training.flux()}), with or without a view. */
abstract class ColdRunVerification extends StepsVerification {

    @Override
    @Test
    public void optional_spec105_emptyStreamMustTerminateBySignallingOnComplete() {
        notVerified(NO_EMPTY_RUN);
    }
}
