package textgen.lm;

/**
 * How a word model's input layer began: the pretrained vectors it was initialised from, and
 * whether training may change it.
 *
 * @param vectorsName the vectors file's name
 * @param dimension values per word vector: the width of the input layer
 * @param vectorsInFile how many vectors the file held
 * @param wordsWithVectors how many of the model's words had a vector (the others start random)
 * @param frozen whether the vectors stay as loaded (true) or are fine-tuned with the rest
 */
public record Embedding(String vectorsName, int dimension, long vectorsInFile, int wordsWithVectors, boolean frozen) {

    public Embedding {
        if (dimension < 1) {
            throw new IllegalArgumentException("Word vectors need at least one dimension, not " + dimension + ".");
        }
    }
}
