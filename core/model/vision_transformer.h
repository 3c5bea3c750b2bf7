#pragma once
// The Vision Transformer (timm's VisionTransformer structure and parameter names).
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include <string>
#include <vector>

#include "model/compute_dtype.h"
#include "model/interventions.h"
#include "model/patch_embed.h"
#include "model/vit_config.h"

namespace vitlens {

struct VitOutput {
  torch::Tensor logits;    // (B, classes); undefined for a model without a head
  torch::Tensor features;  // (B, D): what the head sees (DeiT: the class token's)
  // Empty unless captured: L x (B, heads, N, N) softmax probabilities, in the compute dtype (float32, or
  // bfloat16 / float16 without gradients); undefined for a layer the capture left out.
  std::vector<torch::Tensor> attention;
};

// Which layers' attention a pass keeps. A view that shows one layer needs one: ViT-L/16 at 384 keeps 21 MB per
// image for one layer instead of 0.51 GB for all 24 in float32. The others take the fused kernel and are left
// undefined in VitOutput::attention, so indices stay layer numbers.
struct AttentionCapture {
  std::vector<int> layers;  // empty: every layer
  bool keeps(int64_t layer) const;
};

class VisionTransformerImpl : public torch::nn::Module {
 public:
  // initialise = false skips the random initialisation, for models whose weights are loaded right after.
  explicit VisionTransformerImpl(const VitConfig& config, bool initialise = true);

  // images: (B, C, H, W) float, normalised. captureAttention selects the explicit softmax(q k^T * scale) path
  // and returns every layer's attention probabilities; otherwise the cheapest available kernel is used.
  VitOutput forward(const torch::Tensor& images, bool captureAttention = false);

  // forward in timm's stages, for the analyses that stop or change the model part-way:
  // images (B, C, H, W) -> tokens (B, N, D): patch embedding, prefix tokens, position embedding.
  torch::Tensor embedTokens(const torch::Tensor& images);
  // tokens -> the blocks, then `norm` for class-token pooling (B, N, D); `attention`, when given, receives every
  // layer's probabilities (B, heads, N, N); `layerOutputs` every block's output (B, N, D), before any norm;
  // `interventions` ablates heads (validated against the config by the caller); `capture`, when given, limits
  // `attention` to its layers (the others undefined).
  torch::Tensor forwardFeatures(torch::Tensor tokens, std::vector<torch::Tensor>* attention = nullptr,
                                const Interventions* interventions = nullptr,
                                std::vector<torch::Tensor>* layerOutputs = nullptr,
                                const AttentionCapture* capture = nullptr);
  // tokens (B, N, D) without the dropped patches' tokens (B, N - dropped, D); prefix tokens stay.
  torch::Tensor dropPatchTokens(const torch::Tensor& tokens, const std::vector<int>& droppedPatches) const;
  // The whole pass with heads ablated and patches dropped (see model/interventions.h); captured attention then
  // covers the kept tokens only.
  VitOutput forward(const torch::Tensor& images, bool captureAttention, const Interventions& interventions);
  // The same with only `capture`'s layers kept.
  VitOutput forward(const torch::Tensor& images, const AttentionCapture& capture,
                    const Interventions& interventions = {});
  // Logits with per-layer head masks (layer l: (B, heads), or undefined for none): every image of a batch can
  // ablate other heads, as a head scan does.
  torch::Tensor forwardWithHeadMasks(const torch::Tensor& images, const std::vector<torch::Tensor>& layerMasks);
  // Logit lens: for every layer, the logits the model would give if its blocks stopped there (the final norm
  // and head; average pooling: the patch mean, fc_norm, head; DeiT: the mean of both heads). L x (B, classes).
  // layerOutputs, when given, receives every block's output (B, N, D) as well.
  // attention, when given, receives every layer's probabilities (B, heads, N', N') from the same pass.
  std::vector<torch::Tensor> logitLens(const torch::Tensor& images, const Interventions& interventions = {},
                                       std::vector<torch::Tensor>* layerOutputs = nullptr,
                                       std::vector<torch::Tensor>* attention = nullptr);
  // features (B, N, D) -> pooled features (B, D) and logits: class token (DeiT: mean of both heads), or the mean of
  // the patch tokens (however many remain) through fc_norm.
  VitOutput forwardHead(const torch::Tensor& features);

  const VitConfig& config() const { return config_; }
  // Makes a float32 model compute in `dtype` (model/compute_dtype.h): bfloat16 / float16 puts every Linear
  // layer's weights in that dtype, and the blocks then run their matrix products, GELU and softmax in it while
  // LayerNorm, the residual stream and captured attention stay float32; int8 packs the blocks' Linear layers for
  // oneDNN's dynamic int8 products (the float32 weights stay, for gradients); float32 brings the Linear weights
  // back to float32 (from a reduced dtype they keep its rounding) and drops int8 packs.
  void setComputeDtype(ComputeDtype dtype);
  int64_t parameterCount() const;
  // Parameters AdamW should not decay, as timm's no_weight_decay() plus param_groups_weight_decay: the prefix
  // tokens (cls_token, dist_token, reg_token), pos_embed, and every 1-D parameter (biases, norm gains, layer
  // scales). Names as in named_parameters().
  std::vector<std::string> noWeightDecayNames() const;

  // timm-style initialisation: truncated normal (std 0.02) for linear weights and position embedding.
  void initWeights();

  PatchEmbed patch_embed{nullptr};
  torch::Tensor cls_token;   // (1, 1, D), undefined when config.classToken is false
  torch::Tensor dist_token;  // (1, 1, D), DeiT's distillation token
  torch::Tensor reg_token;   // (1, R, D), register tokens
  torch::Tensor pos_embed;   // (1, N, D), or (1, patches, D) with noEmbedClass
  torch::nn::ModuleList blocks{nullptr};
  torch::nn::LayerNorm norm{nullptr};     // final norm over all tokens (class-token pooling)
  torch::nn::LayerNorm fc_norm{nullptr};  // timm's norm after average pooling, which then has no `norm`
  torch::nn::Linear head{nullptr};        // null without classes
  torch::nn::Linear head_dist{nullptr};   // DeiT: classifies the distillation token; eval output is the mean

 private:
  VitConfig config_;
};
TORCH_MODULE(VisionTransformer);

}  // namespace vitlens
