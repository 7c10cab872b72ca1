package dev.animerec.vertex.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.aiplatform.v1.CreatePipelineJobRequest;
import com.google.cloud.aiplatform.v1.CreateScheduleRequest;
import com.google.cloud.aiplatform.v1.PipelineJob;
import com.google.cloud.aiplatform.v1.Schedule;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.animerec.vertex.spec.VertexPipelineSpec;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Builds the Vertex AI requests (client library protos) that run the generated spec once or on its cron. */
public final class PipelineJobRequests {

    private static final DateTimeFormatter JOB_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private PipelineJobRequests() {
    }

    /** One run now: {@code projects/P/locations/R} as parent, the spec as a {@code Struct}. */
    public static CreatePipelineJobRequest pipelineJob(String specJson, VertexTarget target, Instant now) {
        return CreatePipelineJobRequest.newBuilder()
                .setParent(target.parent())
                .setPipelineJobId(VertexPipelineSpec.PIPELINE_NAME + "-" + JOB_SUFFIX.format(now))
                .setPipelineJob(job(specJson, target))
                .build();
    }

    /**
     * The ML flow on its cron ({@link VertexPipelineSpec#FLOW}, UTC), one run at a time. The schedule repeats the
     * job's parameter values as given here; the model version is none of them: the spec binds it to each run's
     * own name ({@link VertexPipelineSpec#PER_RUN}), so every daily run writes and publishes a version of its own.
     */
    public static CreateScheduleRequest schedule(String specJson, VertexTarget target) {
        CreatePipelineJobRequest job = CreatePipelineJobRequest.newBuilder()
                .setParent(target.parent())
                .setPipelineJob(job(specJson, target))
                .build();
        return CreateScheduleRequest.newBuilder()
                .setParent(target.parent())
                .setSchedule(Schedule.newBuilder()
                        .setDisplayName(VertexPipelineSpec.PIPELINE_NAME + "-daily")
                        .setCron("TZ=Etc/UTC " + VertexPipelineSpec.FLOW.cron())
                        .setMaxConcurrentRunCount(1)
                        .setCreatePipelineJobRequest(job))
                .build();
    }

    static PipelineJob job(String specJson, VertexTarget target) {
        Struct spec = struct(specJson);
        List<String> declared = rootParameters(specJson);
        List<String> missing = declared.stream().filter(name -> !target.parameters().containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no value for pipeline parameters " + missing);
        }
        PipelineJob.RuntimeConfig.Builder runtime = PipelineJob.RuntimeConfig.newBuilder()
                .setGcsOutputDirectory(target.pipelineRoot());
        for (String name : declared) {
            runtime.putParameterValues(name, Value.newBuilder().setStringValue(target.parameters().get(name)).build());
        }
        PipelineJob.Builder job = PipelineJob.newBuilder()
                .setDisplayName(VertexPipelineSpec.PIPELINE_NAME)
                .setPipelineSpec(spec)
                .setRuntimeConfig(runtime)
                .putLabels("app", "anime-rec")
                // Peered to the VPC of Memorystore and Cloud SQL, which the publish task reaches by private IP.
                .setNetwork(target.network());
        if (!target.serviceAccount().isEmpty()) {
            job.setServiceAccount(target.serviceAccount());
        }
        return job.build();
    }

    static Struct struct(String json) {
        Struct.Builder struct = Struct.newBuilder();
        try {
            JsonFormat.parser().merge(json, struct);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("the pipeline spec is not a JSON object: " + e.getMessage(), e);
        }
        return struct.build();
    }

    static List<String> rootParameters(String specJson) {
        JsonNode parameters;
        try {
            parameters = new ObjectMapper().readTree(specJson).path("root").path("inputDefinitions").path("parameters");
        } catch (IOException e) {
            throw new IllegalArgumentException("the pipeline spec is not JSON: " + e.getMessage(), e);
        }
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
            names.add(it.next().getKey());
        }
        return names;
    }

    /** A request as JSON (for --dry-run), with the library's field names. */
    public static String print(com.google.protobuf.MessageOrBuilder request) {
        try {
            return JsonFormat.printer().print(request);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
