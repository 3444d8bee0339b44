package org.pekkolab.imagepipeline.results;

/** An input that could not be processed, and why. */
public record Failure(String file, String reason) {}
