#include "util/message_text.h"

#include <cstdio>

namespace vitlens {
namespace {

bool isContinuationByte(unsigned char c) { return (c & 0xC0) == 0x80; }

// Moves a cut position back (or forward) so it never splits a UTF-8 sequence.
size_t backToBoundary(const std::string& text, size_t position) {
  // At most 3 steps: a UTF-8 sequence is at most 4 bytes, and invalid text must not move the cut far.
  for (int step = 0; step < 3 && position > 0 && position < text.size() &&
                     isContinuationByte(static_cast<unsigned char>(text[position]));
       ++step) {
    --position;
  }
  return position;
}

}  // namespace

std::string escapeControlCharacters(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != 0x7F) {
      out += ch;
      continue;
    }
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case 0x1B:
        out += "\\e";
        break;
      default: {
        char hex[5];
        std::snprintf(hex, sizeof hex, "\\x%02X", c);
        out += hex;
      }
    }
  }
  return out;
}

std::string boundedMessage(const std::string& text, size_t maxChars) {
  if (text.size() <= maxChars || maxChars < 40) return text;
  const size_t tailChars = maxChars / 5;
  const size_t headEnd = backToBoundary(text, maxChars - tailChars - 30);
  const size_t tailStart = backToBoundary(text, text.size() - tailChars);
  return text.substr(0, headEnd) + " [... " + std::to_string(tailStart - headEnd) + " characters elided ...] " +
         text.substr(tailStart);
}

}  // namespace vitlens
