#pragma once
// How to open a model, beyond its path. Free of LibTorch, so the GUI can hold one.
#include <cstdint>
#include <string>
#include <utility>

#include "model/compute_dtype.h"

namespace vitlens {

struct ModelLoadOptions {
  int64_t heads = 0;        // > 0: attention heads, for checkpoints that do not say
  int64_t inputHeight = 0;  // > 0: run at this input size, interpolating the position embeddings
  int64_t inputWidth = 0;
  std::string labelsFile;                   // one label per line; overrides the model's own
  ComputeDtype dtype = ComputeDtype::Auto;  // what the model computes in (see chooseComputeDtype)

  bool operator==(const ModelLoadOptions& other) const {
    return heads == other.heads && inputHeight == other.inputHeight && inputWidth == other.inputWidth &&
           labelsFile == other.labelsFile && dtype == other.dtype;
  }
  bool operator!=(const ModelLoadOptions& other) const { return !(*this == other); }
};

// "384" -> 384x384, "384x512" -> height 384, width 512; throws std::invalid_argument otherwise.
std::pair<int64_t, int64_t> parseInputSize(const std::string& text);

}  // namespace vitlens
