package textgen.lm;

import textgen.text.WordVectors;

/**
 * What a word model starts from: the pretrained vectors, how many words it predicts (the rest
 * become {@code <unk>}), and whether training leaves the vectors as loaded.
 */
public record WordSetup(WordVectors vectors, int maxWords, boolean frozen) {
}
