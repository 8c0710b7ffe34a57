package io.github.profiling.viewer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.jline.utils.NonBlocking;
import org.jline.utils.NonBlockingPumpReader;
import org.junit.jupiter.api.Test;

class KeyDecoderTest {

	@Test
	void decodesArrowsInBothCursorModes() {
		assertThat(decode("\033[A\033[B\033[C\033[D\033OA\033OB\033OC\033OD")).containsExactly(Key.UP, Key.DOWN,
				Key.RIGHT, Key.LEFT, Key.UP, Key.DOWN, Key.RIGHT, Key.LEFT);
	}

	@Test
	void decodesPageKeysEnterBackspaceAndCtrlC() {
		assertThat(decode("\033[5~\033[6~\033[H\033[F\r\n\177\003")).containsExactly(Key.PAGE_UP, Key.PAGE_DOWN,
				Key.HOME, Key.END, Key.ENTER, Key.ENTER, Key.BACKSPACE, Key.INTERRUPT);
	}

	@Test
	void decodesPrintableCharacters() {
		assertThat(decode("q j[]\\/>")).containsExactly(Key.of('q'), Key.of(' '), Key.of('j'), Key.of('['), Key.of(']'),
				Key.of('\\'), Key.of('/'), Key.of('>'));
	}

	@Test
	void aLoneEscapeIsTheEscapeKeyOnceNoSequenceFollows() throws IOException {
		NonBlockingPumpReader typing = NonBlocking.nonBlockingPumpReader();
		KeyDecoder decoder = new KeyDecoder(typing, null);

		// the user presses Esc and then, a moment later, q: two keys, not an Alt-q
		// sequence
		typing.getWriter().write("\033");
		typing.getWriter().flush();
		Key first = decoder.read();
		typing.getWriter().write("q");
		typing.getWriter().flush();

		assertThat(first).isEqualTo(Key.ESCAPE);
		assertThat(decoder.read()).isEqualTo(Key.of('q'));
		typing.close();
	}

	private static List<Key> decode(String typed) {
		KeyDecoder decoder = new KeyDecoder(NonBlocking.nonBlocking("test", new StringReader(typed)), null);
		List<Key> keys = new ArrayList<>();
		Key key;
		while ((key = decoder.read()) != null) {
			keys.add(key);
		}
		return keys;
	}

}
