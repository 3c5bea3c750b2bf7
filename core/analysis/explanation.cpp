#include "analysis/explanation.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/autograd.h>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include "analysis/rollout.h"

namespace vitlens {
namespace {

void requireClass(const VitConfig& config, int64_t targetClass) {
  if (!config.hasHead()) throw std::invalid_argument("this model has no classifier head: there is no class to explain");
  if (targetClass < 0 || targetClass >= config.numClasses) {
    throw std::invalid_argument("class " + std::to_string(targetClass) + " is out of range: the model has " +
                                std::to_string(config.numClasses) + " classes");
  }
}

// Layer l's dA * A, averaged over heads: (heads, N, N) -> (N, N).
at::Tensor headMeanOfProduct(const AttentionGradients& g, size_t layer) {
  return (g.gradients[layer] * g.attention[layer]).mean(0);
}

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

TokenLayout tokenLayoutOf(const VitConfig& config, const std::vector<int>& droppedPatches) {
  return withoutPatches(
      TokenLayout{config.numPrefixTokens(), config.gridHeight(), config.gridWidth(), config.classToken},
      droppedPatches);
}

AttentionGradients attentionGradients(VisionTransformer& model, const at::Tensor& input, int64_t targetClass,
                                      const Interventions& change) {
  requireClass(model->config(), targetClass);
  at::AutoGradMode enableGrad(true);
  // The graph must reach the attention whatever the parameters' requires_grad: start it at the input. Only the
  // attention's gradients are asked for (autograd::grad), so no parameter .grad is written.
  const at::Tensor leaf = input.narrow(0, 0, 1).detach().requires_grad_(true);  // (1, C, H, W)
  std::vector<at::Tensor> attention;                                            // L x (1, heads, N, N)
  const at::Tensor tokens = model->dropPatchTokens(model->embedTokens(leaf), change.droppedPatches);  // (1, N, D)
  const at::Tensor features = model->forwardFeatures(tokens, &attention, &change);
  const VitOutput output = model->forwardHead(features);
  const at::Tensor logit = output.logits.select(0, 0).select(0, targetClass);  // y_c, pre-softmax
  const std::vector<at::Tensor> gradients =
      torch::autograd::grad({logit}, attention, /*grad_outputs=*/{}, /*retain_graph=*/false,
                            /*create_graph=*/false, /*allow_unused=*/true);
  AttentionGradients result;
  result.logits = output.logits.select(0, 0).detach().to(at::kCPU, at::kFloat);  // (classes)
  for (size_t l = 0; l < attention.size(); ++l) {
    const at::Tensor a = attention[l].detach().select(0, 0).to(at::kCPU, at::kFloat);  // (heads, N, N)
    // A layer the logit does not depend on (none in a ViT, but allow_unused says so) has a zero gradient.
    const at::Tensor d =
        gradients[l].defined() ? gradients[l].select(0, 0).to(at::kCPU, at::kFloat) : at::zeros_like(a);
    result.attention.push_back(a);
    result.gradients.push_back(d);
  }
  return result;
}

at::Tensor gaeMatrix(const AttentionGradients& g) {
  if (g.attention.empty()) throw std::invalid_argument("gae needs attention and its gradients");
  const int64_t tokens = g.attention[0].size(-1);
  at::Tensor relevance = at::eye(tokens, at::kFloat);  // R = I, (N, N)
  for (size_t l = 0; l < g.attention.size(); ++l) {
    // Clamp each head's product, then average: Chefer et al.'s rule 6.
    const at::Tensor cam = (g.gradients[l] * g.attention[l]).clamp_min(0.0).mean(0);  // (N, N)
    relevance = relevance + at::matmul(cam, relevance);
  }
  return relevance;
}

at::Tensor gradientRolloutMatrix(const AttentionGradients& g, double discardRatio) {
  if (g.attention.empty()) throw std::invalid_argument("grad-rollout needs attention and its gradients");
  at::Tensor result;
  for (size_t l = 0; l < g.attention.size(); ++l) {
    // Average over heads first, then clamp (vit-explain's order), then the same discard and (F + I) / 2 with rows
    // normalised as plain rollout.
    const at::Tensor fused = headMeanOfProduct(g, l).clamp_min(0.0);  // (N, N)
    const at::Tensor factor = rolloutStep(fused, discardRatio);       // (N, N)
    result = result.defined() ? at::matmul(factor, result) : factor;  // F'_l ... F'_0
  }
  return result;
}

at::Tensor attentionGradientMap(const AttentionGradients& g, const TokenLayout& layout) {
  if (g.attention.empty()) throw std::invalid_argument("attn-grad needs attention and its gradients");
  const at::Tensor& a = g.attention.back();                                       // (heads, N, N)
  const at::Tensor& d = g.gradients.back();                                       // (heads, N, N)
  const auto readRows = [&](const at::Tensor& t) {                                // (heads, N, N) -> (heads, P')
    const at::Tensor columns = t.slice(2, layout.prefixTokens, layout.tokens());  // (heads, N, P')
    return layout.classToken && layout.prefixTokens > 0
               ? columns.select(1, 0)
               : columns.slice(1, layout.prefixTokens, layout.tokens()).mean(1);
  };
  const at::Tensor rowA = readRows(a);                             // (heads, P)
  const at::Tensor rowD = readRows(d);                             // (heads, P)
  const at::Tensor weights = rowD.mean(1, true);                   // (heads, 1): w_h
  const at::Tensor map = (weights * rowA).mean(0).clamp_min(0.0);  // (P')
  return patchValuesToGrid(map, layout);                           // (rows, cols)
}

at::Tensor occlusionMap(VisionTransformer& model, const at::Tensor& input, int64_t targetClass,
                        const TokenLayout& layout, int64_t batchSize, const Interventions& change) {
  const VitConfig& config = model->config();
  requireClass(config, targetClass);
  c10::InferenceMode inference;
  const at::Tensor image = input.narrow(0, 0, 1);             // (1, C, H, W)
  const auto probabilityOf = [&](const at::Tensor& images) {  // (B, C, H, W) -> (B)
    return at::softmax(model->forward(images, false, change).logits.to(at::kFloat), -1)
        .select(1, targetClass)
        .to(at::kCPU);
  };
  const double original = probabilityOf(image).item<double>();
  const int64_t patches = layout.patchTokens();  // a dropped patch's pixels reach no token: nothing to occlude
  const int64_t size = config.patchSize;
  std::vector<float> drops(static_cast<size_t>(patches));
  for (int64_t first = 0; first < patches; first += batchSize) {
    const int64_t count = std::min(batchSize, patches - first);
    at::Tensor batch = image.repeat({count, 1, 1, 1});  // (count, C, H, W)
    for (int64_t i = 0; i < count; ++i) {
      const int64_t patch = layout.dropped() ? layout.keptPatches[static_cast<size_t>(first + i)] : first + i;
      const int64_t row = patch / layout.gridCols;
      const int64_t col = patch % layout.gridCols;
      batch[i].narrow(1, row * size, size).narrow(2, col * size, size).zero_();  // the mean colour, normalised
    }
    const at::Tensor probabilities = probabilityOf(batch).contiguous();  // (count)
    for (int64_t i = 0; i < count; ++i) {
      drops[static_cast<size_t>(first + i)] = static_cast<float>(original - probabilities[i].item<double>());
    }
  }
  return patchValuesToGrid(at::tensor(drops, at::kFloat), layout);  // (rows, cols)
}

at::Tensor randomMap(const TokenLayout& layout, uint64_t seed) {
  const int64_t patches = layout.gridRows * layout.gridCols;
  std::vector<float> values(static_cast<size_t>(patches));
  uint64_t state = seed;
  for (float& value : values) value = static_cast<float>(static_cast<double>(splitmix64(state) >> 11) * 0x1.0p-53);
  for (int64_t p = 0; p < patches; ++p) {  // the stream is drawn for every patch, so kept cells keep their values
    if (patchToken(layout, p) < 0) values[static_cast<size_t>(p)] = std::numeric_limits<float>::quiet_NaN();
  }
  return at::tensor(values, at::kFloat).reshape({layout.gridRows, layout.gridCols}).clone();  // (rows, cols)
}

at::Tensor tokenNormValues(VisionTransformer& model, const at::Tensor& input, int layer, const Interventions& change) {
  const int64_t depth = model->config().depth;
  if (layer >= depth) throw std::out_of_range("layer " + std::to_string(layer) + " is out of range");
  c10::InferenceMode inference;
  std::vector<at::Tensor> outputs;  // L x (1, N', D)
  const at::Tensor tokens = model->dropPatchTokens(model->embedTokens(input.narrow(0, 0, 1)), change.droppedPatches);
  model->forwardFeatures(tokens, nullptr, &change, &outputs);
  const at::Tensor& chosen = outputs.at(static_cast<size_t>(layer < 0 ? depth - 1 : layer));  // (1, N', D)
  return chosen[0].to(at::kFloat).norm(2, -1).to(at::kCPU).contiguous();                      // (N')
}

at::Tensor explanationMap(VisionTransformer& model, const at::Tensor& input, const MapRequest& request,
                          int64_t targetClass, const Interventions& change) {
  const TokenLayout layout = tokenLayoutOf(model->config(), change.droppedPatches);
  switch (request.method) {
    case MapMethod::Raw:
    case MapMethod::Rollout: {
      c10::InferenceMode inference;
      const VitOutput output = model->forward(input.narrow(0, 0, 1), /*captureAttention=*/true, change);
      std::vector<at::Tensor> attention;  // L x (1, heads, N, N)
      for (const at::Tensor& layer : output.attention) attention.push_back(layer.to(at::kCPU, at::kFloat));
      if (request.method == MapMethod::Rollout) {
        return attentionRollout(attention, request.rolloutFusion, request.discardRatio, layout);
      }
      return readMap(attention.back()[0].mean(0), layout);  // the last layer, mean over heads
    }
    case MapMethod::Gae:
      return readMap(gaeMatrix(attentionGradients(model, input, targetClass, change)), layout);
    case MapMethod::GradRollout:
      return readMap(gradientRolloutMatrix(attentionGradients(model, input, targetClass, change), request.discardRatio),
                     layout);
    case MapMethod::AttnGrad:
      return attentionGradientMap(attentionGradients(model, input, targetClass, change), layout);
    case MapMethod::Occlusion:
      return occlusionMap(model, input, targetClass, layout, 32, change);
    case MapMethod::Random:
      return randomMap(layout, request.seed);
    case MapMethod::Tokens:
      return patchValuesToGrid(tokenNormValues(model, input, request.layer, change).slice(0, layout.prefixTokens),
                               layout);
  }
  throw std::invalid_argument("unknown explanation method");
}

}  // namespace vitlens
