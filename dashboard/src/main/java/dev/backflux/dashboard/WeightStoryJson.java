package dev.backflux.dashboard;

import dev.backflux.api.WeightStory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One weight's story (the tutorial's update of one weight, example by example) as JSON. */
final class WeightStoryJson {

    private WeightStoryJson() {
    }

    static Map<String, Object> of(WeightStory story) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("step", story.step());
        json.put("matrix", story.matrix());
        json.put("from", story.from());
        json.put("to", story.to());
        List<Object> examples = new ArrayList<>();
        for (int e = 0; e < story.examples(); e++) {
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("example", e);
            example.put("input", StepJson.finite(story.input(e)));
            example.put("error", StepJson.finite(story.error(e)));
            example.put("slope", StepJson.finite(story.slope(e)));
            example.put("delta", StepJson.finite(story.delta(e)));
            example.put("update", StepJson.finite(story.update(e)));
            examples.add(example);
        }
        json.put("examples", examples);
        json.put("update", StepJson.finite(story.update()));
        json.put("before", StepJson.finite(story.before()));
        json.put("after", StepJson.finite(story.after()));
        json.put("agreement", StepJson.finite(story.agreement()));
        json.put("examplesAgree", story.examplesAgree());
        json.put("table", story.toString());
        return json;
    }
}
