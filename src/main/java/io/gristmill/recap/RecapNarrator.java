package io.gristmill.recap;

/**
 * Writes a recap's narrative from its computed content. The default narrator fills a Qute
 * template: deterministic and offline. This is the seam for a language-model narrator later
 * (it would also follow the request's instructions); none is built, so none can be switched on.
 */
public interface RecapNarrator {
    String narrate(Recap recap);
}
