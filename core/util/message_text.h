#pragma once
// Text from files (model names, labels, provenance, paths) on its way to a terminal or a dialog: control
// characters escaped so a crafted name cannot move the cursor, clear the screen or forge a second line, and
// messages bounded so a 100,000-dimension shape or 1,000 label names cannot flood the screen.
#include <cstddef>
#include <string>

namespace vitlens {

// Bytes below 0x20 and 0x7F become \n, \r, \t, \e or \xNN; everything else (UTF-8 included) is kept.
std::string escapeControlCharacters(const std::string& text);

// At most about maxChars characters: longer text keeps its start and its end, joined by
// " [... N characters elided ...] ", cut only at UTF-8 character boundaries.
std::string boundedMessage(const std::string& text, size_t maxChars = 400);

// What a terminal line or a dialog shows: both of the above, in that order.
inline std::string displayText(const std::string& text, size_t maxChars = 400) {
  return boundedMessage(escapeControlCharacters(text), maxChars);
}

}  // namespace vitlens
