package dev.animerec.vertex.submit;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.aiplatform.v1.CreatePipelineJobRequest;
import com.google.cloud.aiplatform.v1.CreateScheduleRequest;
import com.google.cloud.aiplatform.v1.PipelineJob;
import com.google.cloud.aiplatform.v1.PipelineServiceClient;
import com.google.cloud.aiplatform.v1.PipelineServiceSettings;
import com.google.cloud.aiplatform.v1.Schedule;
import com.google.cloud.aiplatform.v1.ScheduleServiceClient;
import com.google.cloud.aiplatform.v1.ScheduleServiceSettings;
import java.io.IOException;

/**
 * Sends the requests with the Vertex AI client library. Needs Application Default Credentials and network
 * access to the regional endpoint; without them the error says which one is missing.
 */
public final class VertexGateway {

    private final String endpoint;
    private final CredentialsProvider credentials;

    /**
     * @param endpoint    host:port of Vertex AI ({@link VertexTarget#endpoint()})
     * @param credentials null for Application Default Credentials
     */
    public VertexGateway(String endpoint, CredentialsProvider credentials) {
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    public PipelineJob submit(CreatePipelineJobRequest request) {
        PipelineServiceSettings.Builder settings = PipelineServiceSettings.newBuilder().setEndpoint(endpoint);
        if (credentials != null) {
            settings.setCredentialsProvider(credentials);
        }
        try (PipelineServiceClient client = PipelineServiceClient.create(settings.build())) {
            return client.createPipelineJob(request);
        } catch (IOException e) {
            throw noCredentials(e);
        } catch (ApiException e) {
            throw failed("create the pipeline job", e);
        }
    }

    public Schedule schedule(CreateScheduleRequest request) {
        ScheduleServiceSettings.Builder settings = ScheduleServiceSettings.newBuilder().setEndpoint(endpoint);
        if (credentials != null) {
            settings.setCredentialsProvider(credentials);
        }
        try (ScheduleServiceClient client = ScheduleServiceClient.create(settings.build())) {
            return client.createSchedule(request);
        } catch (IOException e) {
            throw noCredentials(e);
        } catch (ApiException e) {
            throw failed("create the schedule", e);
        }
    }

    private VertexUnavailableException noCredentials(IOException e) {
        return new VertexUnavailableException("no Google Cloud credentials: run 'gcloud auth application-default login'"
                + " or set GOOGLE_APPLICATION_CREDENTIALS to a service account key file, then retry (or use --dry-run"
                + " to print the request without sending it). Cause: " + e.getMessage(), e);
    }

    private VertexUnavailableException failed(String what, ApiException e) {
        String hint = switch (e.getStatusCode().getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED -> "cannot reach " + endpoint
                    + " (no network access to Google Cloud from this machine?)";
            case UNAUTHENTICATED, PERMISSION_DENIED -> "the credentials are not allowed to (needs roles/aiplatform.user)";
            default -> "Vertex AI refused the request";
        };
        return new VertexUnavailableException("could not " + what + ": " + hint + ". " + e.getStatusCode().getCode()
                + ": " + e.getMessage(), e);
    }

    /** Vertex AI could not be used: no credentials, no network, or the request was refused. */
    public static final class VertexUnavailableException extends RuntimeException {
        VertexUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
