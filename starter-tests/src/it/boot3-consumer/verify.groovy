// The consumer built on the Spring Boot and JDK of this execution, its test ran, and the startup
// log holds the profiler's warning exactly once.
def log = new File(basedir, 'build.log').text
def ran = "Consumer on Spring Boot ${expectedSpringBoot}, Java ${expectedJava}"
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : 'the consumer test did not run and pass'
assert log.contains(ran) : "build.log has no line '${ran}'"
def warnings = log.readLines().findAll { it.contains(' WARN ') && it.contains('Profiling for Spring Boot supports Spring Boot 4.0 and 4.1') }
assert warnings.size() == 1 : "expected one warning, found ${warnings.size()}: ${warnings}"
assert new File(basedir, 'target/shop-1.0.0.jar').isFile() : 'no fat jar'
true
