#include "model/query_trace_compute.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "model/block.h"

namespace vitlens {
namespace {

std::vector<float> toVector(const at::Tensor& values) {
  const at::Tensor cpu = values.to(at::kCPU, at::kFloat).contiguous().reshape({-1});
  const float* data = cpu.data_ptr<float>();
  return {data, data + cpu.numel()};
}

void checkRange(const std::string& what, int value, int64_t count) {
  if (value < 0 || value >= count) {
    throw std::out_of_range(what + " " + std::to_string(value) + " is out of range: the model has " +
                            std::to_string(count) + " (0.." + std::to_string(count - 1) + ")");
  }
}

}  // namespace

QueryTrace traceQuery(VisionTransformer& model, const at::Tensor& input, int layer, int head, int queryPatch) {
  const VitConfig& config = model->config();
  checkRange("layer", layer, config.depth);
  checkRange("head", head, config.numHeads);
  if (queryPatch < 0 && !config.classToken) {
    throw std::invalid_argument("this model has no class token: choose a query patch");
  }
  if (queryPatch >= 0) checkRange("patch", queryPatch, config.numPatches());
  at::NoGradGuard noGrad;

  QueryTrace trace;
  trace.layer = layer;
  trace.head = head;
  trace.queryPatch = queryPatch;
  trace.prefixTokens = static_cast<int>(config.numPrefixTokens());
  trace.queryToken = queryPatch < 0 ? 0 : trace.prefixTokens + queryPatch;
  trace.headDim = static_cast<int>(config.headDim());
  if (queryPatch >= 0) {
    const int64_t p = config.patchSize;
    const int64_t row = queryPatch / config.gridWidth();
    const int64_t col = queryPatch % config.gridWidth();
    trace.patchPixels =
        toVector(input[0].slice(1, row * p, (row + 1) * p).slice(2, col * p, (col + 1) * p));  // (C, p, p)
    trace.embedding = toVector(model->patch_embed->forward(input)[0][queryPatch]);             // (D)
  }

  // The blocks before `layer` as the model runs them (in its compute dtype), then this layer's q and k in float32.
  at::Tensor tokens = model->embedTokens(input);  // (1, N, D)
  for (int index = 0; index < layer; ++index) tokens = model->blocks[index]->as<BlockImpl>()->forward(tokens);
  auto* block = model->blocks[layer]->as<BlockImpl>();
  const at::Tensor normed = block->norm1->forward(tokens).to(at::kFloat);  // (1, N, D)
  const at::Tensor& bias = block->attn->qkv->bias;
  const at::Tensor qkv = at::linear(normed, block->attn->qkv->weight.to(at::kFloat),
                                    bias.defined() ? bias.to(at::kFloat) : at::Tensor());  // (1, N, 3D): q, k, v
  const int64_t dim = config.embedDim;
  const int64_t d = config.headDim();
  const at::Tensor q = qkv[0][trace.queryToken].slice(0, head * d, (head + 1) * d);  // (d)
  const at::Tensor k = qkv[0].slice(1, dim + head * d, dim + (head + 1) * d);        // (N, d)
  const at::Tensor scores = at::matmul(k, q) / std::sqrt(static_cast<double>(d));    // (N)
  trace.scores = toVector(scores);
  trace.weights = toVector(at::softmax(scores, 0));
  return trace;
}

}  // namespace vitlens
