#include "model/shape_text.h"

namespace vitlens {

std::string shapeText(c10::IntArrayRef shape) {
  constexpr size_t kShown = 8;
  std::string text = "[";
  for (size_t i = 0; i < shape.size() && i < kShown; ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  if (shape.size() > kShown) text += ", ... (" + std::to_string(shape.size()) + " dimensions)";
  return text + "]";
}

}  // namespace vitlens
