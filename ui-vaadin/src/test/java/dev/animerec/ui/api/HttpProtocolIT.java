package dev.animerec.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.ui.ServingIT;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HTTP done properly: every error of the API is the API's JSON (405, 406, 415, 404, 413, Tomcat's own 400s), bodies
 * are read strictly, and every answer carries the security headers; the UI's viewer cookie is SameSite.
 */
class HttpProtocolIT extends ServingIT {

    private static final String ENTRY = "{\"anime_id\":1,\"status\":\"completed\",\"score\":9}";

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private static void assertJsonError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonNode error = json(response);
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("message").asText()).contains(message);
    }

    @Test
    void wrongMethodTypeAcceptOrPathGetTheirOwnStatusAsJson() throws Exception {
        HttpResponse<String> method = send(request("/api/v1/feedback").GET());
        assertJsonError(method, 405, "method not allowed");
        assertThat(method.headers().firstValue("Allow")).hasValue("POST");
        assertJsonError(send(request("/api/v1/users/alice/recommendations").DELETE()), 405, "method not allowed");

        assertJsonError(send(request("/api/v1/recommendations").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"entries\":[" + ENTRY + "]}"))), 415, "application/json");
        assertJsonError(send(request("/api/v1/recommendations")
                .POST(HttpRequest.BodyPublishers.ofString("{\"entries\":[" + ENTRY + "]}"))), 415, "application/json");

        HttpResponse<String> xml = send(request("/api/v1/users/alice/recommendations")
                .header("Accept", "application/xml"));
        assertJsonError(xml, 406, "application/json only");

        assertJsonError(get("/api/v1/nothing-here"), 404, "no such API resource");
        assertJsonError(get("/api/v2/users/alice/recommendations"), 404, "no such API resource");
        assertJsonError(send(request("/api/v1/nothing-here").POST(HttpRequest.BodyPublishers.ofString("x"))), 404,
                "no such API resource");
    }

    @Test
    void bodiesAreReadStrictly() throws Exception {
        List<String> loose = List.of(
                "{\"entries\":[{\"anime_id\":\"1\",\"status\":\"completed\"}]}",     // a string for a number
                "{\"entries\":[{\"anime_id\":1.7,\"status\":\"completed\"}]}",       // a fraction for an integer
                "{\"entries\":[" + ENTRY + "]} trailing",                            // anything after the document
                "{\"entries\":[" + ENTRY + "]}{}",
                "{\"entries\":[{\"anime_id\":1,\"anime_id\":2,\"status\":\"completed\"}]}",  // a key twice
                "{\"entries\":[" + ENTRY + "],\"extra\":1}",                         // an unknown field
                "{\"entries\":[{\"anime_id\":1,\"status\":\"completed\",\"score\":true}]}");
        for (String body : loose) {
            assertJsonError(post("/api/v1/recommendations", body), 400, "not JSON of the documented shape");
        }
        assertJsonError(post("/api/v1/recommendations", "{\"entries\":[" + ENTRY
                + ",{\"anime_id\":1,\"status\":\"dropped\",\"score\":2}]}"), 400, "each anime_id may appear once");
        assertThat(post("/api/v1/recommendations", "{\"entries\":[" + ENTRY + "]}").statusCode()).isEqualTo(200);
    }

    @Test
    void bodiesOverTheLimitGetA413() throws Exception {
        StringBuilder big = new StringBuilder("{\"entries\":[");
        for (int i = 0; big.length() < 2_200_000; i++) {
            big.append(i == 0 ? "" : ",").append("{\"anime_id\":").append(i + 1).append(",\"status\":\"completed\"}");
        }
        String body = big.append("]}").toString();
        assertJsonError(post("/api/v1/recommendations", body), 413, "too large");

        // No Content-Length (chunked): counted while read, cut off at the limit.
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = send(request("/api/v1/recommendations").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))));
        assertJsonError(chunked, 413, "too large");
    }

    @Test
    void requestsTomcatRejectsGetJsonNotHtml() throws Exception {
        for (String line : List.of("GET /api/v1/users/a%zz/recommendations HTTP/1.1",
                "GET /api/v1/users/\u0001/recommendations HTTP/1.1", "GET /%c0%ae%c0%ae/ HTTP/1.1")) {
            String answer = raw(line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(line).startsWith("HTTP/1.1 400");
            assertThat(answer.toLowerCase()).as(line).contains("content-type: application/json")
                    .doesNotContain("<html").doesNotContain("tomcat");
            assertThat(answer).contains("\"status\":400");
        }
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndTheViewerCookieIsSameSite() throws Exception {
        for (HttpResponse<String> response : List.of(get("/api/v1/users/alice/recommendations"), get("/"),
                get("/api/v1/nothing-here"))) {
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(response.uri().toString())
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'")
                            .contains("frame-ancestors 'none'").contains("object-src 'none'"));
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        }
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("animerec_viewer=v1.").contains("HttpOnly").contains("SameSite=Lax"));
        assertThat(get("/api/v1/users/alice/recommendations").headers().allValues("Set-Cookie"))
                .as("the API sets no cookie").isEmpty();
    }
}
