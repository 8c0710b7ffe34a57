// The consumer built on the Spring Boot and JDK of this execution, its test ran (a build that ran
// no test would pass too), and Boot's plugin packaged it. On JDK 25 the fat jar then starts with
// java -jar: its manifest's Enable-Native-Access lets async-profiler load without the warning
// that the test's JVM, started without it, printed.
import java.util.concurrent.TimeUnit

def log = new File(basedir, 'build.log').text
def ran = "Consumer on Spring Boot ${expectedSpringBoot}, Java ${expectedJava}"
def nativeAccessWarning = 'WARNING: A restricted method in java.lang.System has been called'
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : 'the consumer test did not run and pass'
assert log.contains(ran) : "build.log has no line '${ran}'"
assert log.contains('Profiling with sampler async') : 'the consumer test did not profile with async'
assert !log.contains('Profiling for Spring Boot supports') : 'unsupported-version warning on a supported Spring Boot'
def jar = new File(basedir, 'target/shop-1.0.0.jar')
assert jar.isFile() : 'no fat jar'

if (expectedJava == '25') {
    assert log.contains(nativeAccessWarning) : 'JDK 25 printed no native-access warning without the manifest entry'
    def out = new File(basedir, 'fat-jar.log')
    def process = new ProcessBuilder("${consumerJavaHome}/bin/java", '-jar', jar.path, '--server.port=0',
            '--server.address=127.0.0.1').directory(basedir).redirectErrorStream(true).redirectOutput(out).start()
    try {
        long deadline = System.currentTimeMillis() + 120_000
        while (!out.text.contains('Started ShopApplication') && process.alive && System.currentTimeMillis() < deadline) {
            sleep(250)
        }
        def started = out.text
        assert started.contains('Started ShopApplication') : "the fat jar did not start:\n${started.take(4000)}"
        def port = (started =~ /Tomcat started on port (\d+)/)[0][1]
        def status = new URL("http://127.0.0.1:${port}/actuator/profiling").text
        assert status.contains('"sampler":"async"') : "the fat jar does not sample with async: ${status}"
        assert !out.text.contains(nativeAccessWarning) : "java -jar printed the native-access warning:\n${out.text.take(4000)}"
    }
    finally {
        process.destroy()
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly()
        }
    }
}
true
