package io.github.profiling.viewer.ui;

import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * Reads key presses from the terminal and decodes escape sequences (arrows, page keys)
 * into {@link Key}s. A lone Esc is told apart from the start of a sequence by a short
 * pause.
 */
public final class KeyDecoder {

	private static final long ESCAPE_TIMEOUT_MILLIS = 150;

	private final BindingReader reader;

	private final KeyMap<Key> keys;

	/**
	 * @param terminal used for key sequences its terminfo entry declares; null for the
	 * common xterm-style sequences only
	 */
	public KeyDecoder(NonBlockingReader input, Terminal terminal) {
		this.reader = new BindingReader(input);
		this.keys = keyMap(terminal);
	}

	/** Blocks until a key is pressed; null when the input has ended. */
	public Key read() {
		return reader.readBinding(keys);
	}

	private static KeyMap<Key> keyMap(Terminal terminal) {
		KeyMap<Key> map = new KeyMap<>();
		map.setAmbiguousTimeout(ESCAPE_TIMEOUT_MILLIS);
		for (char c = ' '; c <= '~'; c++) {
			map.bind(Key.of(c), String.valueOf(c));
		}
		// both the normal and the application cursor-key sequences
		bind(map, terminal, Key.UP, Capability.key_up, "\033[A", "\033OA");
		bind(map, terminal, Key.DOWN, Capability.key_down, "\033[B", "\033OB");
		bind(map, terminal, Key.RIGHT, Capability.key_right, "\033[C", "\033OC");
		bind(map, terminal, Key.LEFT, Capability.key_left, "\033[D", "\033OD");
		bind(map, terminal, Key.PAGE_UP, Capability.key_ppage, "\033[5~");
		bind(map, terminal, Key.PAGE_DOWN, Capability.key_npage, "\033[6~");
		bind(map, terminal, Key.HOME, Capability.key_home, "\033[H", "\033OH", "\033[1~", "\033[7~");
		bind(map, terminal, Key.END, Capability.key_end, "\033[F", "\033OF", "\033[4~", "\033[8~");
		map.bind(Key.ENTER, "\r", "\n");
		map.bind(Key.ESCAPE, KeyMap.esc());
		map.bind(Key.BACKSPACE, KeyMap.del(), KeyMap.ctrl('H'));
		map.bind(Key.INTERRUPT, KeyMap.ctrl('C'));
		return map;
	}

	private static void bind(KeyMap<Key> map, Terminal terminal, Key key, Capability capability, String... sequences) {
		map.bind(key, sequences);
		if (terminal != null) {
			String declared = KeyMap.key(terminal, capability);
			if (declared != null && !declared.isEmpty()) {
				map.bind(key, declared);
			}
		}
	}

}
