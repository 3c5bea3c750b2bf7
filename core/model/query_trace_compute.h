#pragma once
// Engine::queryTrace's computation on a model and a preprocessed input (model/query_trace.h says what it holds):
// the layer's input as the model runs it, then that layer's q and k in float32 from its own weights.
#include <ATen/core/Tensor.h>

#include "model/query_trace.h"
#include "model/vision_transformer.h"

namespace vitlens {

// input: (1, C, H, W) on the model's device. std::out_of_range for a layer, head or patch the model does not have;
// std::invalid_argument for the class token of a model without one.
QueryTrace traceQuery(VisionTransformer& model, const at::Tensor& input, int layer, int head, int queryPatch);

}  // namespace vitlens
