package org.homanic.testbench.junit;

import org.homanic.testbench.BuildOptions;
import org.homanic.testbench.Model;
import org.homanic.testbench.Simulator;
import org.homanic.testbench.VerilogDesign;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives tests annotated with {@link VerilatorTest} their {@link Simulator}s and {@link Seed}, and
 * cleans up after them: closes the simulators (freeing native memory), deletes the waveform of a
 * passing test, and adds the seed, the waveform's path and a rerun command to the message of a
 * failing one.
 *
 * <p>Settings, as system properties or JUnit configuration parameters: {@code homa.seed} (fixes
 * the seed), {@code homa.waves} ({@code off|failure|always}), {@code homa.waves.dir} (where
 * waveforms go; {@code target/waves} by default).
 */
public final class SimulationExtension implements ParameterResolver, TestExecutionExceptionHandler, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SimulationExtension.class);
    private static final SecureRandom SEEDS = new SecureRandom();
    // The last segment of a repeated or parameterized test's unique id, e.g. [test-template-invocation:#2]
    private static final Pattern INVOCATION = Pattern.compile("invocation:#(\\d+)]$");

    /** What one test run was given. */
    private static final class RunState {
        final List<Simulator> simulators = new ArrayList<>();
        final List<Path> waveforms = new ArrayList<>();
        Seed seed;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Simulator.class || type == Seed.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RunState run = state(context);
        if (parameter.getParameter().getType() == Seed.class) {
            if (run.seed == null) {
                run.seed = context.getConfigurationParameter("homa.seed").map(Seed::parse)
                        .orElseGet(() -> new Seed(SEEDS.nextLong()));
                System.out.println("[homa] " + testName(context) + ": seed " + run.seed
                        + " (rerun with -Dhoma.seed=" + run.seed + ")");
            }
            return run.seed;
        }
        VerilatorTest config = configuration(context);
        Waves waves = waves(config, context);
        // Without waveforms the model is built without trace code, which runs faster.
        BuildOptions options = (waves == Waves.OFF ? BuildOptions.FASTEST : BuildOptions.DEFAULT)
                .withVerilatorArgs(config.verilatorArgs());
        Model model = Model.load(design(config, context), options);
        Simulator sim = model.newSimulator();
        run.simulators.add(sim);
        if (waves != Waves.OFF) {
            int index = run.simulators.size();
            String file = fileName(context) + (index > 1 ? "-" + index : "") + "." + model.options().waveFormat().extension();
            Path dir = Path.of(context.getConfigurationParameter("homa.waves.dir").orElse("target/waves"))
                    .resolve(context.getRequiredTestClass().getSimpleName());
            run.waveforms.add(sim.openWaveform(dir.resolve(file)));
        }
        return sim;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        RunState run = state(context);
        if (failure instanceof SimulationTestFailure || (run.seed == null && run.waveforms.isEmpty())) throw failure;
        for (Simulator s : run.simulators) s.flushWaveform();
        StringBuilder context_ = new StringBuilder();
        if (run.seed != null) {
            context_.append("\n  seed: ").append(run.seed).append("  (rerun: ").append(rerunCommand(context, run.seed)).append(')');
        }
        for (Path w : run.waveforms) context_.append("\n  waveform: ").append(w.toAbsolutePath());
        throw new SimulationTestFailure(failure, context_.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        RunState run = state(context);
        RuntimeException closeFailure = null;
        for (Simulator s : run.simulators) {
            try {
                s.close();
            } catch (RuntimeException e) {
                if (closeFailure == null) closeFailure = e; else closeFailure.addSuppressed(e);
            }
        }
        boolean failed = context.getExecutionException().isPresent();
        Waves waves = waves(configuration(context), context);
        for (Path w : run.waveforms) {
            if (failed || waves == Waves.ALWAYS) {
                System.err.println("[homa] " + testName(context) + ": waveform " + w.toAbsolutePath());
            } else {
                Files.deleteIfExists(w);
            }
        }
        if (closeFailure != null) throw closeFailure;
    }

    /**
     * The command that reruns just this test with this seed. Surefire runs tests in the module's
     * directory, so its name is the module to select.
     */
    private static String rerunCommand(ExtensionContext context, Seed seed) {
        Path cwd = Path.of("").toAbsolutePath().getFileName();
        String module = cwd == null ? "testbench" : cwd.toString();
        return "./homa test -pl " + module + " -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest="
                + context.getRequiredTestClass().getSimpleName() + "#" + context.getRequiredTestMethod().getName()
                + " -Dhoma.seed=" + seed;
    }

    private static RunState state(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(RunState.class, k -> new RunState(), RunState.class);
    }

    private static VerilatorTest configuration(ExtensionContext context) {
        return context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, VerilatorTest.class))
                .or(() -> AnnotationSupport.findAnnotation(context.getRequiredTestClass(), VerilatorTest.class))
                .orElseThrow(() -> new ParameterResolutionException(
                        "a Simulator parameter needs @VerilatorTest on the test class or method"));
    }

    private static VerilogDesign design(VerilatorTest config, ExtensionContext context) {
        if (config.design() != VerilatorTest.NoDesignSupplier.class) {
            try {
                return config.design().getDeclaredConstructor().newInstance().get();
            } catch (ReflectiveOperationException e) {
                throw new ParameterResolutionException("cannot create design supplier " + config.design().getName(), e);
            }
        }
        if (config.top().isEmpty() || config.verilog().length == 0) {
            throw new ParameterResolutionException("@VerilatorTest needs top and verilog, or design");
        }
        return VerilogDesign.fromResources(config.top(), context.getRequiredTestClass(), config.verilog());
    }

    private static Waves waves(VerilatorTest config, ExtensionContext context) {
        return context.getConfigurationParameter("homa.waves").map(v -> switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "off", "none", "false" -> Waves.OFF;
            case "always", "keep", "all" -> Waves.ALWAYS;
            case "failure", "on_failure", "keep_on_failure" -> Waves.KEEP_ON_FAILURE;
            default -> throw new IllegalArgumentException("homa.waves must be off, failure or always, not " + v);
        }).orElse(config.waves());
    }

    private static String testName(ExtensionContext context) {
        Matcher invocation = INVOCATION.matcher(context.getUniqueId());
        return context.getRequiredTestClass().getSimpleName() + "." + context.getTestMethod().map(Method::getName).orElse("?")
                + (invocation.find() ? " #" + invocation.group(1) : "");
    }

    /** The method name, plus the invocation number of a repeated or parameterized test, file-name-safe. */
    private static String fileName(ExtensionContext context) {
        String name = context.getRequiredTestMethod().getName();
        Matcher invocation = INVOCATION.matcher(context.getUniqueId());
        if (invocation.find()) name += "-" + invocation.group(1);
        return name.replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
