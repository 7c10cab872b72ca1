package dev.animerec.testing;

/** Tear-down of what a test class started, for {@code @AfterAll}. */
public final class TestResources {

    private TestResources() {
    }

    /**
     * Closes each resource that was started (nulls are the ones a skipped or failed set-up never started), in the
     * order given, all of them even when one fails; the first failure is thrown with the others suppressed.
     */
    public static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
