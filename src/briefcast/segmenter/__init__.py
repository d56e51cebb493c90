"""The shared segmenter: article parsing, sentence splitting, speech normalisation, pause grammar, assembly."""
