package io.gristmill.front;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** One page of a Front list: its results and the token of the next page, if there is one. */
public record FrontPage(List<JsonNode> results, Optional<String> nextPageToken) {
}
