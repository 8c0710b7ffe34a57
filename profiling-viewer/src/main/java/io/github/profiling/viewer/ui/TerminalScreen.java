package io.github.profiling.viewer.ui;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;

/**
 * The terminal taken over full screen: raw keys, the alternate screen, no cursor. Closing
 * it gives the terminal back exactly as it was, whatever way the viewer ends.
 */
final class TerminalScreen implements AutoCloseable {

	private final Terminal terminal;

	private final Attributes original;

	private final Display display;

	private final AtomicBoolean closed = new AtomicBoolean();

	private Size size;

	TerminalScreen(Terminal terminal) {
		this.terminal = terminal;
		this.original = terminal.enterRawMode();
		// Ctrl-C arrives as a key rather than a signal, so quitting always goes through
		// close()
		Attributes raw = terminal.getAttributes();
		raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
		terminal.setAttributes(raw);
		terminal.puts(Capability.enter_ca_mode);
		terminal.puts(Capability.keypad_xmit);
		terminal.puts(Capability.cursor_invisible);
		terminal.flush();
		this.display = new Display(terminal, true);
		resized();
	}

	int rows() {
		return size.getRows();
	}

	int columns() {
		return size.getColumns();
	}

	/** Takes the terminal's new size; the next draw repaints everything. */
	void resized() {
		Size current = terminal.getSize();
		// a terminal that cannot tell its size (0x0) gets the classic 80x24
		size = new Size(current.getColumns() > 0 ? current.getColumns() : 80,
				current.getRows() > 0 ? current.getRows() : 24);
		display.clear();
		display.resize(size.getRows(), size.getColumns());
	}

	/** Draws the lines, writing only what changed since the last draw. */
	void draw(List<AttributedString> lines) {
		display.update(lines, size.cursorPos(size.getRows() - 1, 0));
		terminal.flush();
	}

	@Override
	public void close() {
		if (closed.compareAndSet(false, true)) {
			terminal.puts(Capability.cursor_normal);
			terminal.puts(Capability.keypad_local);
			terminal.puts(Capability.exit_ca_mode);
			terminal.setAttributes(original);
			terminal.flush();
		}
	}

}
