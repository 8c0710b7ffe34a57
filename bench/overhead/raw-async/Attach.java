import com.sun.tools.attach.VirtualMachine;

/** {@code java Attach.java PID AGENT_JAR COMMAND}: loads the agent into the JVM PID with COMMAND. */
public final class Attach {

	private Attach() {
	}

	public static void main(String[] args) throws Exception {
		VirtualMachine vm = VirtualMachine.attach(args[0]);
		try {
			vm.loadAgent(args[1], args[2]);
		}
		finally {
			vm.detach();
		}
	}

}
