package dev.animerec.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ModuleTest {

    @Test
    void sparkMlsPomRunsItsTestsAndBenchmarkWithTheModulesFlags() throws Exception {
        String pom = Files.readString(Path.of("../spark-ml/pom.xml"));
        Matcher property = Pattern.compile("<spark\\.jvm\\.flags>([^<]*)</spark\\.jvm\\.flags>").matcher(pom);
        assertThat(property.find()).as("spark-ml/pom.xml defines spark.jvm.flags").isTrue();
        List<String> withoutHeap = Module.SPARK_ML.jvmFlags().stream().filter(flag -> !flag.startsWith("-Xmx")).toList();
        assertThat(Arrays.asList(property.group(1).trim().split("\\s+")))
                .as("spark.jvm.flags in spark-ml/pom.xml (heap sizes aside) must equal Module.SPARK_ML's flags")
                .isEqualTo(withoutHeap);
    }

    @Test
    void mainPrintsAModulesFlagsOnePerLineForTheLauncher() {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Module.main(new String[] {"spark-ml"});
            Module.main(new String[] {"batch-jobs"});
        } finally {
            System.setOut(original);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8).lines().toList()).isEqualTo(Module.SPARK_ML.jvmFlags());
    }
}
