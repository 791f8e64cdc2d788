package dev.backflux.cluster;

import com.hazelcast.core.HazelcastJsonValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run's entry in the cluster's run map, the queue itself: {@code {"state": "QUEUED", "seq": 123, "owner": "",
 * "member": "", "attempt": 0, "firstStep": 0}}, stored as a {@link HazelcastJsonValue} so that members can query the queued ones.
 * A member claims a run by replacing its QUEUED record with a RUNNING one naming itself, an atomic
 * compare-and-set on the map entry: of several members that try, one wins.
 *
 * @param state QUEUED, RUNNING or DONE
 * @param seq the submission order: earlier runs are claimed first
 * @param owner the UUID of the member that holds or held it, or ""
 * @param member that member's address, or ""
 * @param attempt how many times a member started it
 * @param firstStep the step the current attempt started from: 0, or the step after the checkpoint it resumed
 */
record RunRecord(RunState state, long seq, String owner, String member, int attempt, long firstStep) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    static RunRecord queued(long seq) {
        return new RunRecord(RunState.QUEUED, seq, "", "", 0, 0);
    }

    RunRecord runningOn(String uuid, String address) {
        return new RunRecord(RunState.RUNNING, seq, uuid, address, attempt + 1, 0);
    }

    RunRecord requeued() {
        return new RunRecord(RunState.QUEUED, seq, "", "", attempt, 0);
    }

    RunRecord done() {
        return new RunRecord(RunState.DONE, seq, owner, member, attempt, firstStep);
    }

    RunRecord resumedAt(long step) {
        return new RunRecord(state, seq, owner, member, attempt, step);
    }

    RunStatus status() {
        return new RunStatus(state, member, attempt, firstStep);
    }

    HazelcastJsonValue json() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("state", state.name());
        node.put("seq", seq);
        node.put("owner", owner);
        node.put("member", member);
        node.put("attempt", attempt);
        node.put("firstStep", firstStep);
        return new HazelcastJsonValue(MAPPER.writeValueAsString(node));
    }

    static RunRecord of(HazelcastJsonValue value) {
        JsonNode node = MAPPER.readTree(value.getValue());
        return new RunRecord(RunState.valueOf(node.get("state").asString()), node.get("seq").asLong(),
                node.get("owner").asString(), node.get("member").asString(), node.get("attempt").asInt(),
                node.get("firstStep").asLong());
    }
}
