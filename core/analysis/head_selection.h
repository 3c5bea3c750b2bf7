#pragma once
// Which head(s) of a layer to look at. Free of torch headers (used by the CLI and the GUI).
#include <string>

namespace vitlens {

enum class HeadReduce { Single, Mean, Max, Min };

struct HeadSelection {
  HeadReduce reduce = HeadReduce::Mean;
  int head = 0;  // used when reduce == Single

  // "mean" | "max" | "min" | a head number; throws std::invalid_argument.
  static HeadSelection parse(const std::string& text);
  std::string toString() const;
};

}  // namespace vitlens
