package dev.animerec.batch.jobs;

import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /jobs/executions?limit=N} and {@code POST /jobs/executions/{id}/restart}, served by the
 * long-running {@code scheduler}.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/jobs/executions")
class JobExecutionsController {

    private final JobExecutions executions;

    JobExecutionsController(JobExecutions executions) {
        this.executions = executions;
    }

    @GetMapping
    List<JobExecutionView> list(@RequestParam(defaultValue = "20") int limit) {
        if (limit <= 0 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, was " + limit);
        }
        return executions.list(limit);
    }

    @PostMapping("/{id}/restart")
    JobExecutionView restart(@PathVariable long id) {
        return executions.restart(id);
    }

    @ExceptionHandler(JobExecutions.UnknownExecutionException.class)
    ResponseEntity<Map<String, String>> unknown(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(JobExecutions.NotRestartableException.class)
    ResponseEntity<Map<String, String>> notRestartable(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(RuntimeException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
}
