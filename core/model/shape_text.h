#pragma once
// A tensor shape as messages print it, "[1, 197, 768]": one definition for the reader, the importers, the
// assembler and the model (it was written four times). At most 8 sizes are listed, so a hostile shape cannot make
// a message huge.
#include <c10/util/ArrayRef.h>

#include <cstdint>
#include <string>

namespace vitlens {

std::string shapeText(c10::IntArrayRef shape);

}  // namespace vitlens
