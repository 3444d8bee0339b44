package org.pekkolab.imagepipeline.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A headless Chromium found on the PATH, for tests that load a local HTML page and read its DOM after
 * the page's scripts ran ({@code --dump-dom}), with no browser-automation library.
 *
 * <p>When {@code --dump-dom} prints: after the page's load event, and with {@code --virtual-time-budget}
 * after that budget of virtual time too. Under virtual time {@code requestAnimationFrame} does not tick
 * (one frame at most) and {@code performance.now()} stands still while a task runs, so a page tested this
 * way must do its work synchronously before its load event (scripts block that event, however long they
 * take) and may use the budget only for timers. The budget here lets timers and late errors after the
 * load event run before the dump.
 */
public final class HeadlessChromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    /** Virtual time after the load event: timers set by the page run, quickly, as virtual time skips idle waits. */
    private static final int VIRTUAL_TIME_BUDGET_MS = 5_000;

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The first of {@code chromium}, {@code chromium-browser}, {@code google-chrome} found on the PATH. */
    static Optional<HeadlessChromium> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessChromium(candidate));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * For a test that needs Chromium: skips the test when there is none, except on CI ({@code CI=true}),
     * where a missing browser is a broken set-up and fails it.
     */
    public static HeadlessChromium requireForTest() {
        Optional<HeadlessChromium> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("No Chromium on the PATH (looked for " + NAMES + "). On CI, .ci/run installs Debian's "
                    + "'chromium' package before 'mvn -B verify'; install it, or put chromium on the PATH.");
        }
        Assumptions.abort("Skipped: no Chromium on the PATH (looked for " + NAMES + "); "
                + "install Debian's 'chromium' package to run this browser test.");
        throw new AssertionError("unreachable");
    }

    Path binary() {
        return binary;
    }

    /**
     * Loads {@code page} (a local file) in a fresh headless Chromium and returns the DOM it has once its load
     * event and the virtual time budget are over. Uses a temporary profile, always deleted; the browser is
     * killed, with its child processes, when it takes longer than {@code timeout}.
     */
    public String dumpDom(Path page, Duration timeout) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("headless-chromium");
        try {
            Path profile = Files.createDirectory(work.resolve("profile"));
            Path out = work.resolve("dom.html");
            Path err = work.resolve("stderr.txt");
            List<String> command = List.of(
                    binary.toString(),
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--allow-file-access-from-files",
                    "--no-first-run",
                    "--no-default-browser-check",
                    "--disable-extensions",
                    "--window-size=1280,900",
                    "--user-data-dir=" + profile,
                    "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET_MS,
                    "--dump-dom",
                    page.toAbsolutePath().toUri().toString());
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new IOException("Chromium did not finish loading " + page + " within " + timeout
                        + "; its stderr ends:\n" + tail(err));
            }
            String dom = Files.readString(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || dom.isBlank()) {
                throw new IOException("Chromium exited with " + process.exitValue() + " and "
                        + dom.length() + " characters of DOM for " + page + "; its stderr ends:\n" + tail(err));
            }
            return dom;
        } finally {
            deleteRecursively(work);
        }
    }

    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    /** Deletes a tree; Chromium's helpers may still be closing files, so it tries a few times. */
    private static void deleteRecursively(Path root) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try (Stream<Path> paths = Files.walk(root)) {
                List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
                for (Path p : all) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (java.nio.file.NoSuchFileException gone) {
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw last;
    }

    // ---------- the page's status, as the report page publishes it on <body> ----------

    /**
     * What the report page says about itself once done: {@code data-status} ("ok", "error", or "loading" if it
     * never finished), the charts drawn and expected, the errors it caught and their text, and its load time.
     */
    public record PageStatus(String status, int charts, int chartsExpected, int errors, double loadMs, String errorText) {

        public boolean ok() {
            return "ok".equals(status) && errors == 0 && charts == chartsExpected;
        }

        @Override
        public String toString() {
            return "status=" + status + ", charts=" + charts + "/" + chartsExpected + ", errors=" + errors
                    + ", loadMs=" + loadMs + (errorText.isEmpty() ? "" : "\npage errors:\n" + errorText);
        }
    }

    private static final Pattern BODY_TAG = Pattern.compile("<body\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");
    private static final Pattern ERRORS_PRE =
            Pattern.compile("<pre\\b[^>]*\\bid=\"page-errors\"[^>]*>(.*?)</pre>", Pattern.DOTALL);

    /** Reads the page's status attributes from a dumped DOM; missing ones read as -1 (or "missing"). */
    public static PageStatus status(String dom) {
        // The body tag itself, not a mention of it in a script of the head.
        Matcher body = BODY_TAG.matcher(dom);
        int headEnd = dom.indexOf("</head>");
        if (!body.find(Math.max(headEnd, 0))) {
            throw new IllegalArgumentException("no <body> in the dumped DOM");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher attribute = ATTRIBUTE.matcher(body.group(1));
        while (attribute.find()) attributes.put(attribute.group(1), unescape(attribute.group(2)));
        Matcher pre = ERRORS_PRE.matcher(dom);
        String errorText = pre.find() ? unescape(pre.group(1)).strip() : "";
        return new PageStatus(
                attributes.getOrDefault("data-status", "missing"),
                intOr(attributes.get("data-charts")),
                intOr(attributes.get("data-charts-expected")),
                intOr(attributes.get("data-errors")),
                attributes.containsKey("data-load-ms") ? Double.parseDouble(attributes.get("data-load-ms")) : -1,
                errorText);
    }

    private static int intOr(String value) {
        return value == null ? -1 : Integer.parseInt(value);
    }

    /** Undoes the escaping Chromium's serialiser applies to text and attribute values ({@code &amp;} last). */
    static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", "\u00a0").replace("&amp;", "&");
    }
}
