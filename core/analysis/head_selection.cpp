#include "analysis/head_selection.h"

#include <cctype>
#include <stdexcept>

namespace vitlens {

HeadSelection HeadSelection::parse(const std::string& text) {
  if (text == "mean") return {HeadReduce::Mean, 0};
  if (text == "max") return {HeadReduce::Max, 0};
  if (text == "min") return {HeadReduce::Min, 0};
  bool digits = !text.empty() && text.size() <= 6;
  for (char c : text) digits = digits && std::isdigit(static_cast<unsigned char>(c));
  if (!digits) throw std::invalid_argument("head must be a number, mean, max or min (got '" + text + "')");
  return {HeadReduce::Single, std::stoi(text)};
}

std::string HeadSelection::toString() const {
  switch (reduce) {
    case HeadReduce::Mean:
      return "mean";
    case HeadReduce::Max:
      return "max";
    case HeadReduce::Min:
      return "min";
    case HeadReduce::Single:
      break;
  }
  return std::to_string(head);
}

}  // namespace vitlens
