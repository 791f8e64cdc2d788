package dev.backflux.engine.tck;

import org.testng.annotations.Test;

/** The rules that cannot apply to any cold run ({@code Training.flux()}), with or without a view. */
abstract class ColdRunVerification extends StepsVerification {

    @Override
    @Test
    public void optional_spec105_emptyStreamMustTerminateBySignallingOnComplete() {
        notVerified(NO_EMPTY_RUN);
    }

    @Override
    @Test
    public void optional_spec104_mustSignalOnErrorWhenFails() {
        // TODO(lead): a cold run's end waits for a request (RunEnd.attachTo); see RUN_END_WAITS_FOR_DEMAND.
        notVerified(RUN_END_WAITS_FOR_DEMAND);
    }

    @Override
    @Test
    public void required_spec109_mayRejectCallsToSubscribeIfPublisherIsUnableOrUnwillingToServeThemRejectionMustTriggerOnErrorAfterOnSubscribe() {
        // TODO(lead): a cold run's end waits for a request (RunEnd.attachTo); see RUN_END_WAITS_FOR_DEMAND.
        notVerified(RUN_END_WAITS_FOR_DEMAND);
    }
}
