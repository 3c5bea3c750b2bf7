#include "model/vision_transformer.h"

#include <ATen/ops/cat.h>
#include <ATen/ops/empty.h>
#include <ATen/ops/ones.h>
#include <ATen/ops/tensor.h>
#include <torch/nn/init.h>
#include <torch/utils.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "model/block.h"
#include "model/linear_dtype.h"
#include "model/shape_text.h"

namespace vitlens {
namespace {

// A float32 Linear's weight (out, in) stored as the transpose of a contiguous (in, out) matrix, so that
// at::linear's x W^T reads W^T straight, without the transposed-operand packing OpenBLAS does for it. Measured
// on Zen 4, one thread: 65x48 -> 144 takes 10.5 us against 12.9 (cifar-seed's Linears, 17 per pass); ViT-B/16's
// sizes are the same within 1-4 %. The parameter keeps its shape, values and storage semantics (copy_, the
// writer's contiguous(), the int8 packer's contiguous() all read it the same); only the strides change.
// bfloat16 and float16 weights stay contiguous, as their oneDNN path was measured. Chosen by setComputeDtype, which
// the app and the bench call on every model they run; training keeps LibTorch's layout (its checkpoints accept
// contiguous tensors only).
void chooseWeightLayout(torch::nn::LinearImpl& linear) {
  torch::Tensor& weight = linear.weight;
  if (!weight.is_cpu() || weight.dim() != 2) return;
  if (weight.scalar_type() == at::kFloat) {
    if (weight.t().is_contiguous()) return;
    const at::Tensor transposed = weight.t().contiguous();  // (in, out), the one temporary
    if (weight.is_contiguous() && weight.storage().use_count() == 1) {
      // In place, through the weight's own storage: re-laying out a whole model then needs one weight's worth of
      // memory more, not the weights again (whose freed copies stayed in the heap as holes: 1.7x the weights).
      at::Tensor sameStorage = weight.view({weight.size(1), weight.size(0)});  // (in, out) over the (out, in) data
      sameStorage.copy_(transposed);
      weight.set_data(sameStorage.t());  // (out, in), strides (1, out)
    } else {
      weight.set_data(transposed.t());  // shared storage (a tensor elsewhere reads the old layout): a new one
    }
  } else if (!weight.is_contiguous()) {
    weight.set_data(weight.contiguous());  // .to() keeps the float32 layout's strides
  }
}

// Truncated normal by inverse-CDF sampling (what PyTorch's Python trunc_normal_ does; LibTorch's C++ API has
// none): uniform in [cdf(a), cdf(b)], mapped back through erfinv. Bounds are in units of the tensor's values.
void truncNormal_(torch::Tensor& tensor, double stddev, double low, double high) {
  torch::NoGradGuard noGrad;
  const auto normCdf = [](double value) { return 0.5 * (1.0 + std::erf(value / std::sqrt(2.0))); };
  const double lowCdf = normCdf(low / stddev);
  const double highCdf = normCdf(high / stddev);
  tensor.uniform_(2.0 * lowCdf - 1.0, 2.0 * highCdf - 1.0);
  tensor.erfinv_();
  tensor.mul_(stddev * std::sqrt(2.0));
  tensor.clamp_(low, high);
}

}  // namespace

VisionTransformerImpl::VisionTransformerImpl(const VitConfig& config, bool initialise) : config_(config) {
  config_.validate();
  const int64_t dim = config_.embedDim;
  patch_embed = register_module("patch_embed", PatchEmbed(config_));
  if (config_.classToken) {
    cls_token = register_parameter("cls_token", torch::zeros({1, 1, dim}));  // (1, 1, D)
  }
  if (config_.distillToken) dist_token = register_parameter("dist_token", torch::zeros({1, 1, dim}));  // (1, 1, D)
  if (config_.regTokens > 0) {
    reg_token = register_parameter("reg_token", torch::zeros({1, config_.regTokens, dim}));  // (1, R, D)
  }
  pos_embed = register_parameter("pos_embed", torch::zeros({1, config_.posEmbedTokens(), dim}));  // (1, N, D)
  blocks = register_module("blocks", torch::nn::ModuleList());
  for (int64_t i = 0; i < config_.depth; ++i) blocks->push_back(Block(config_));
  // timm (global_pool="avg", fc_norm=None): `norm` becomes Identity and `fc_norm` normalises the pooled token.
  const auto normOptions = torch::nn::LayerNormOptions({dim}).eps(config_.layerNormEps);
  if (config_.pooling == Pooling::Token) {
    norm = register_module("norm", torch::nn::LayerNorm(normOptions));
  } else {
    fc_norm = register_module("fc_norm", torch::nn::LayerNorm(normOptions));
  }
  if (config_.hasHead()) {
    head = register_module("head", torch::nn::Linear(dim, config_.numClasses));
    if (config_.distillToken) head_dist = register_module("head_dist", torch::nn::Linear(dim, config_.numClasses));
  }
  if (initialise) initWeights();
}

torch::Tensor VisionTransformerImpl::embedTokens(const torch::Tensor& images) {
  if (images.dim() != 4 || images.size(1) != config_.channels || images.size(2) != config_.imageHeight ||
      images.size(3) != config_.imageWidth) {
    throw std::invalid_argument("VisionTransformer: expected images of shape [B, " + std::to_string(config_.channels) +
                                ", " + std::to_string(config_.imageHeight) + ", " + std::to_string(config_.imageWidth) +
                                "], got " + shapeText(images.sizes()));
  }
  const int64_t batch = images.size(0);
  auto x = patch_embed->forward(images);  // (B, N_patches, D)
  std::vector<torch::Tensor> tokens;      // prefix tokens in timm's order, then the patches
  if (cls_token.defined()) tokens.push_back(cls_token.expand({batch, -1, -1}));    // (B, 1, D)
  if (dist_token.defined()) tokens.push_back(dist_token.expand({batch, -1, -1}));  // (B, 1, D)
  if (reg_token.defined()) tokens.push_back(reg_token.expand({batch, -1, -1}));    // (B, R, D)
  if (config_.noEmbedClass) x = x + pos_embed;                                     // the patches alone carry positions
  if (!tokens.empty()) {
    tokens.push_back(x);
    x = at::cat(tokens, 1);  // (B, prefix + N_patches, D)
  }
  if (!config_.noEmbedClass) x = x + pos_embed;  // (B, N, D)
  return x;
}

bool AttentionCapture::keeps(int64_t layer) const {
  return layers.empty() || std::find(layers.begin(), layers.end(), layer) != layers.end();
}

torch::Tensor VisionTransformerImpl::forwardFeatures(torch::Tensor tokens, std::vector<torch::Tensor>* attention,
                                                     const Interventions* interventions,
                                                     std::vector<torch::Tensor>* layerOutputs,
                                                     const AttentionCapture* capture) {
  if (attention != nullptr) attention->reserve(attention->size() + static_cast<size_t>(config_.depth));
  // Per layer, a (heads) mask of ones with zeros at the ablated heads; undefined where no head is ablated.
  std::vector<torch::Tensor> masks(static_cast<size_t>(config_.depth));
  if (interventions != nullptr) {
    for (const auto& [layer, ablated] : interventions->ablatedHeads) {
      torch::Tensor& mask = masks.at(static_cast<size_t>(layer));
      if (!mask.defined()) mask = at::ones({config_.numHeads}, tokens.options().dtype(at::kFloat));
      mask[ablated] = 0.0;
    }
  }
  size_t index = 0;
  for (const auto& module : *blocks) {
    auto* block = module->as<BlockImpl>();
    const torch::Tensor* mask = masks[index].defined() ? &masks[index] : nullptr;
    if (attention != nullptr && capture != nullptr && !capture->keeps(static_cast<int64_t>(index))) {
      tokens = block->forward(tokens, nullptr, mask);
      attention->emplace_back();  // not captured: the layer keeps its index
    } else if (attention != nullptr) {
      torch::Tensor probs;  // (B, heads, N, N)
      tokens = block->forward(tokens, &probs, mask);
      attention->push_back(probs);
    } else {
      tokens = block->forward(tokens, nullptr, mask);
    }
    if (layerOutputs != nullptr) layerOutputs->push_back(tokens);
    ++index;
  }
  // timm: `norm` ends forward_features for class-token pooling; with average pooling it is absent and fc_norm
  // follows the pool in the head.
  return config_.pooling == Pooling::Token ? norm->forward(tokens) : tokens;  // (B, N, D)
}

torch::Tensor VisionTransformerImpl::dropPatchTokens(const torch::Tensor& tokens,
                                                     const std::vector<int>& droppedPatches) const {
  if (droppedPatches.empty()) return tokens;
  const int64_t prefix = config_.numPrefixTokens();
  const int64_t total = tokens.size(1);
  std::vector<bool> dropped(static_cast<size_t>(total), false);
  for (int patch : droppedPatches) dropped.at(static_cast<size_t>(prefix + patch)) = true;
  std::vector<int64_t> kept;
  for (int64_t t = 0; t < total; ++t) {
    if (!dropped[static_cast<size_t>(t)]) kept.push_back(t);
  }
  const torch::Tensor index = at::tensor(kept, at::kLong).to(tokens.device());
  return tokens.index_select(1, index);  // (B, prefix + kept patches, D)
}

VitOutput VisionTransformerImpl::forward(const torch::Tensor& images, bool captureAttention,
                                         const Interventions& interventions) {
  std::vector<torch::Tensor> attention;
  const torch::Tensor tokens = dropPatchTokens(embedTokens(images), interventions.droppedPatches);
  const torch::Tensor features =
      forwardFeatures(tokens, captureAttention ? &attention : nullptr, &interventions, nullptr);
  VitOutput output = forwardHead(features);
  output.attention = std::move(attention);
  return output;
}

VitOutput VisionTransformerImpl::forward(const torch::Tensor& images, const AttentionCapture& capture,
                                         const Interventions& interventions) {
  std::vector<torch::Tensor> attention;
  const torch::Tensor tokens = dropPatchTokens(embedTokens(images), interventions.droppedPatches);
  const torch::Tensor features = forwardFeatures(tokens, &attention, &interventions, nullptr, &capture);
  VitOutput output = forwardHead(features);
  output.attention = std::move(attention);
  return output;
}

torch::Tensor VisionTransformerImpl::forwardWithHeadMasks(const torch::Tensor& images,
                                                          const std::vector<torch::Tensor>& layerMasks) {
  torch::Tensor tokens = embedTokens(images);
  size_t index = 0;
  for (const auto& module : *blocks) {
    const torch::Tensor* mask = index < layerMasks.size() && layerMasks[index].defined() ? &layerMasks[index] : nullptr;
    tokens = module->as<BlockImpl>()->forward(tokens, nullptr, mask);
    ++index;
  }
  return forwardHead(config_.pooling == Pooling::Token ? norm->forward(tokens) : tokens).logits;  // (B, classes)
}

std::vector<torch::Tensor> VisionTransformerImpl::logitLens(const torch::Tensor& images,
                                                            const Interventions& interventions,
                                                            std::vector<torch::Tensor>* layerOutputs,
                                                            std::vector<torch::Tensor>* attention) {
  std::vector<torch::Tensor> outputs;
  const torch::Tensor tokens = dropPatchTokens(embedTokens(images), interventions.droppedPatches);
  forwardFeatures(tokens, attention, &interventions, &outputs);
  std::vector<torch::Tensor> logits;
  for (const torch::Tensor& layer : outputs) {
    // The same head the model ends with, applied to layer l's output as if the blocks stopped there.
    const torch::Tensor features = config_.pooling == Pooling::Token ? norm->forward(layer) : layer;
    logits.push_back(forwardHead(features).logits);  // (B, classes)
  }
  if (layerOutputs != nullptr) *layerOutputs = std::move(outputs);
  return logits;
}

VitOutput VisionTransformerImpl::forwardHead(const torch::Tensor& features) {
  VitOutput output;
  if (config_.pooling == Pooling::Token) {
    output.features = features.select(1, 0);  // (B, D)
    if (head && head_dist) {
      // DeiT in eval mode: the mean of the class token's and the distillation token's predictions.
      output.logits =
          (linearInWeightDtype(head, output.features) + linearInWeightDtype(head_dist, features.select(1, 1))) /
          2;  // (B, classes)
      return output;
    }
  } else {
    output.features = fc_norm->forward(
        features.narrow(1, config_.numPrefixTokens(), features.size(1) - config_.numPrefixTokens()).mean(1));
  }
  if (head) output.logits = linearInWeightDtype(head, output.features);  // (B, classes)
  return output;
}

VitOutput VisionTransformerImpl::forward(const torch::Tensor& images, bool captureAttention) {
  std::vector<torch::Tensor> attention;
  const torch::Tensor features =
      forwardFeatures(embedTokens(images), captureAttention ? &attention : nullptr, nullptr, nullptr);
  VitOutput output = forwardHead(features);
  output.attention = std::move(attention);
  return output;
}

void VisionTransformerImpl::setComputeDtype(ComputeDtype dtype) {
  torch::NoGradGuard noGrad;
  // Every Linear's weights in the matrix products' dtype; float32 again for float32 and int8 (which multiplies
  // its packed copies and keeps the float weights for gradients).
  c10::ScalarType linearType = at::kFloat;
  if (dtype == ComputeDtype::BFloat16) linearType = at::kBFloat16;
  if (dtype == ComputeDtype::Float16) linearType = at::kHalf;
  for (auto& module : modules(/*include_self=*/false)) {
    if (auto* linear = module->as<torch::nn::LinearImpl>()) {
      linear->to(linearType);
      chooseWeightLayout(*linear);
    }
  }
  for (const auto& module : *blocks) {  // packs the int8 layers from the float32 weights, or drops old packs
    auto* block = module->as<BlockImpl>();
    block->attn->setInt8(dtype == ComputeDtype::Int8);
    block->mlp->setInt8(dtype == ComputeDtype::Int8);
  }
}

int64_t VisionTransformerImpl::parameterCount() const {
  int64_t count = 0;
  for (const auto& parameter : parameters()) count += parameter.numel();
  return count;
}

std::vector<std::string> VisionTransformerImpl::noWeightDecayNames() const {
  std::vector<std::string> names;
  for (const auto& item : named_parameters()) {
    const std::string& name = item.key();
    const bool token = name == "cls_token" || name == "dist_token" || name == "reg_token" || name == "pos_embed";
    if (token || item.value().dim() <= 1) names.push_back(name);
  }
  return names;
}

// timm's VisionTransformer.init_weights (mode ""): pos_embed and every Linear weight from a truncated normal
// (std 0.02), Linear biases zero, cls_token normal (std 1e-6), LayerNorm weight 1 / bias 0, the patch conv
// keeps its default init. timm truncates at absolute +-2 (= +-100 std, no truncation in practice); we truncate
// at +-2 std, which only trims the 5% tails and is the documented choice here.
void VisionTransformerImpl::initWeights() {
  torch::NoGradGuard noGrad;
  constexpr double kStd = 0.02;
  truncNormal_(pos_embed, kStd, -2 * kStd, 2 * kStd);
  if (cls_token.defined()) torch::nn::init::normal_(cls_token, 0.0, 1e-6);
  if (dist_token.defined()) truncNormal_(dist_token, kStd, -2 * kStd, 2 * kStd);
  if (reg_token.defined()) torch::nn::init::normal_(reg_token, 0.0, 1e-6);
  for (auto& module : modules(/*include_self=*/false)) {
    if (auto* linear = module->as<torch::nn::LinearImpl>()) {
      truncNormal_(linear->weight, kStd, -2 * kStd, 2 * kStd);
      if (linear->bias.defined()) linear->bias.zero_();
    } else if (auto* layerNorm = module->as<torch::nn::LayerNormImpl>()) {
      layerNorm->weight.fill_(1.0);
      layerNorm->bias.zero_();
    }
  }
}

}  // namespace vitlens
