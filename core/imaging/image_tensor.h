#pragma once
// The one place where OpenCV images become LibTorch tensors.
#include <ATen/core/Tensor.h>

#include <vector>

#include "imaging/preprocess.h"

namespace vitlens {

// (1, 3, H, W) float32 on CPU, owning its memory.
at::Tensor toInputTensor(const PreparedImage& prepared);
// (B, 3, H, W) from several prepared images of the same size.
at::Tensor toInputBatch(const std::vector<PreparedImage>& prepared);

}  // namespace vitlens
