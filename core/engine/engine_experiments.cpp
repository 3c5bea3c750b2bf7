// The Engine's analyses beyond one forward pass: class-specific explanations and their faithfulness, and the
// experiments that change the model (ablated heads, dropped patches, logit lens, token norms, head scans).
#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <stdexcept>

#include "analysis/explanation.h"
#include "analysis/faithfulness.h"
#include "engine/engine.h"
#include "engine/engine_impl.h"
#include "imaging/image_tensor.h"
#include "imaging/preprocess.h"
#include "model/memory_estimate.h"

namespace vitlens {
namespace {

// (rows, cols) bool: true at the dropped patches.
at::Tensor droppedMask(const VitConfig& config, const Interventions& change) {
  at::Tensor mask = at::zeros({config.numPatches()}, at::kBool);  // (P)
  for (int p : change.droppedPatches) mask[p] = true;
  return mask.reshape({config.gridHeight(), config.gridWidth()});  // (rows, cols)
}

// The first values of a per-token vector (N') paired with the prefix tokens' names.
std::vector<std::pair<std::string, float>> namedPrefixValues(const VitConfig& config, const at::Tensor& values) {
  std::vector<std::pair<std::string, float>> named;
  const std::vector<std::string> names = prefixTokenNames(config);
  for (size_t i = 0; i < names.size() && static_cast<int64_t>(i) < values.size(0); ++i) {
    named.emplace_back(names[i], values[static_cast<int64_t>(i)].item<float>());
  }
  return named;
}

}  // namespace

at::Tensor modelInput(const Engine::Impl& impl, const cv::Mat& rgb, cv::Rect2d* crop) {
  const PreparedImage prepared = preprocessImage(rgb, preprocessSpecFor(impl.loaded.meta));
  if (crop != nullptr) *crop = prepared.sourceCrop;
  return toDevice(toInputTensor(prepared), impl.loaded.model->pos_embed.device());  // (1, 3, H, W)
}

Classification classificationOf(const Engine::Impl& impl, const at::Tensor& logits, int topk) {
  Classification result;
  result.device = impl.deviceName;
  result.dtype = computeDtypeName(impl.dtype);
  if (!logits.defined()) return result;  // no head: no classes
  const at::Tensor probabilities = at::softmax(logits.to(at::kFloat), -1)[0].to(at::kCPU).contiguous();
  if (!at::isfinite(probabilities).all().item<bool>()) {
    throw std::runtime_error(impl.source + ": the model produced NaN or infinite values for this image");
  }
  const float* probs = probabilities.data_ptr<float>();
  result.probabilities.assign(probs, probs + probabilities.numel());
  result.top = topScores(probabilities, topk, impl.loaded.meta);
  return result;
}

std::vector<std::string> prefixTokenNames(const VitConfig& config) {
  std::vector<std::string> names;
  if (config.classToken) names.push_back("class");
  if (config.distillToken) names.push_back("distillation");
  for (int64_t i = 1; i <= config.regTokens; ++i) names.push_back("register " + std::to_string(i));
  return names;
}

Explanation Engine::explain(const cv::Mat& rgb, const MapRequest& request, Interventions interventions) {
  return onDeviceOrCpu(*impl_, [&] {
    const ModelMeta& meta = impl_->loaded.meta;
    validateMapRequest(request, meta.config);
    validateInterventions(interventions, meta.config);
    requireQueryKept(request, interventions);
    const bool gradients = isClassSpecific(request.method) && request.method != MapMethod::Occlusion;
    requireMemoryForPass(meta.config, request.method == MapMethod::Occlusion ? 32 : 1,
                         gradients ? PassKind::Training : PassKind::InferenceCaptured, impl_->source);
    Explanation result;
    result.method = request.method;
    VisionTransformer& model = impl_->loaded.model;
    const at::Tensor input = modelInput(*impl_, rgb, &result.sourceCrop);  // (1, 3, H, W), preprocessed once
    {
      c10::InferenceMode inference;
      result.classification = classificationOf(*impl_, model->forward(input, false, interventions).logits, 5);
    }
    const std::vector<float>& probabilities = result.classification.probabilities;
    int64_t target = request.targetClass;
    if (target < 0) {
      target = result.classification.top.empty() ? -1 : result.classification.top.front().index;
    }
    if (target >= 0 && target < static_cast<int64_t>(probabilities.size())) {
      result.target = {target, meta.label(target), probabilities[static_cast<size_t>(target)]};
    }

    const auto start = std::chrono::steady_clock::now();
    at::Tensor map;  // (rows, cols)
    if (request.method == MapMethod::Tokens) {
      const at::Tensor norms = tokenNormValues(model, input, request.layer, interventions);  // (N')
      result.prefix = namedPrefixValues(meta.config, norms);
      map = patchValuesToGrid(norms.slice(0, meta.config.numPrefixTokens()),
                              tokenLayoutOf(meta.config, interventions.droppedPatches));
    } else {
      map = explanationMap(model, input, request, std::max<int64_t>(target, 0), interventions);
    }
    result.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    // Dropped patches are NaN by definition; anything else that is not finite is a failure.
    if (!at::isfinite(map).logical_or(droppedMask(meta.config, interventions)).all().item<bool>()) {
      throw std::runtime_error(impl_->source + ": the " + mapMethodName(request.method) +
                               " map has NaN or infinite values for this image");
    }
    result.map = toMat(map);
    return result;
  });
}

Faithfulness Engine::faithfulness(const cv::Mat& rgb, int64_t label, const MapRequest& request,
                                  const std::vector<double>& steps) {
  return onDeviceOrCpu(*impl_, [&] {
    const ModelMeta& meta = impl_->loaded.meta;
    validateMapRequest(request, meta.config);
    requireMemoryForPass(meta.config, std::max<int64_t>(32, static_cast<int64_t>(steps.size()) + 1), PassKind::Training,
                         impl_->source);
    VisionTransformer& model = impl_->loaded.model;
    const at::Tensor input = modelInput(*impl_, rgb);  // (1, 3, H, W)
    const auto start = std::chrono::steady_clock::now();
    int64_t predicted = 0;
    {
      c10::InferenceMode inference;
      predicted = model->forward(input).logits[0].argmax().item<int64_t>();
    }
    const int64_t target = request.targetClass >= 0 ? request.targetClass : predicted;
    const at::Tensor map = explanationMap(model, input, request, target);
    const PerturbationCurves curves = label >= 0 ? perturbationCurves(model, input, map, label, steps)
                                                 : perturbationCurves(model, input, map, target, steps, target);
    Faithfulness result;
    result.x = curves.x;
    result.positive = curves.positive;
    result.negative = curves.negative;
    result.deletion = curves.deletion;
    result.insertion = curves.insertion;
    result.predicted = predicted;
    result.tracked = label >= 0 ? label : target;
    result.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return result;
  });
}

Classification Engine::classify(const cv::Mat& rgb, int topk, Interventions interventions) {
  return onDeviceOrCpu(*impl_, [&] {
    const ModelMeta& meta = impl_->loaded.meta;
    validateInterventions(interventions, meta.config);
    requireMemoryForPass(meta.config, 1, PassKind::Inference, impl_->source);
    if (!meta.config.hasHead()) throw std::invalid_argument("this model has no classifier head: nothing to classify");
    c10::InferenceMode inference;
    VisionTransformer& model = impl_->loaded.model;
    const at::Tensor input = modelInput(*impl_, rgb);  // (1, 3, H, W)
    const auto start = std::chrono::steady_clock::now();
    Classification result = classificationOf(*impl_, model->forward(input, false, interventions).logits, topk);
    result.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return result;
  });
}

std::vector<LensLayer> Engine::logitLens(const cv::Mat& rgb, int topk, Interventions interventions) {
  return onDeviceOrCpu(*impl_, [&] {
    const ModelMeta& meta = impl_->loaded.meta;
    validateInterventions(interventions, meta.config);
    if (!meta.config.hasHead()) throw std::invalid_argument("this model has no classifier head: no logits to read");
    requireMemoryForPass(meta.config, 1, PassKind::InferenceCaptured, impl_->source);
    c10::InferenceMode inference;
    VisionTransformer& model = impl_->loaded.model;
    const at::Tensor input = modelInput(*impl_, rgb);  // (1, 3, H, W)
    std::vector<LensLayer> layers;
    int index = 0;
    for (const at::Tensor& logits : model->logitLens(input, interventions)) {
      layers.push_back({index++, topScores(at::softmax(logits.to(at::kFloat), -1)[0], topk, meta)});
    }
    return layers;
  });
}

Experiment Engine::experiment(const cv::Mat& rgb, int topk, Interventions interventions, bool captureAttention) {
  return onDeviceOrCpu(*impl_, [&] {
    const ModelMeta& meta = impl_->loaded.meta;
    validateInterventions(interventions, meta.config);
    if (!meta.config.hasHead()) throw std::invalid_argument("this model has no classifier head: no logits to read");
    requireMemoryForPass(meta.config, 1, PassKind::InferenceCaptured, impl_->source);
    c10::InferenceMode inference;
    VisionTransformer& model = impl_->loaded.model;
    const at::Tensor input = modelInput(*impl_, rgb);  // (1, 3, H, W)
    const auto start = std::chrono::steady_clock::now();
    // One pass: the lens's last layer is the model's own output (the same norm and head on the same tokens).
    std::vector<at::Tensor> attention;  // L x (1, heads, N', N'), when asked for
    const std::vector<at::Tensor> lens =
        model->logitLens(input, interventions, nullptr, captureAttention ? &attention : nullptr);
    Experiment result;
    if (captureAttention) result.attention = makeAttentionSet(attention, meta, interventions.droppedPatches);
    result.classification = classificationOf(*impl_, lens.back(), topk);
    result.classification.milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    int index = 0;
    for (const at::Tensor& logits : lens) {
      result.lens.push_back({index++, topScores(at::softmax(logits.to(at::kFloat), -1)[0], 1, meta)});
    }
    return result;
  });
}

TokenNorms Engine::tokenNorms(const cv::Mat& rgb, int layer, Interventions interventions) {
  return onDeviceOrCpu(*impl_, [&] {
    const ModelMeta& meta = impl_->loaded.meta;
    const VitConfig& config = meta.config;
    validateInterventions(interventions, config);
    if (layer >= config.depth) {
      throw std::invalid_argument("--layer " + std::to_string(layer) + " is out of range: the model has " +
                                  std::to_string(config.depth) + " layers (0.." + std::to_string(config.depth - 1) +
                                  ")");
    }
    requireMemoryForPass(config, 1, PassKind::InferenceCaptured, impl_->source);
    const at::Tensor norms =
        tokenNormValues(impl_->loaded.model, modelInput(*impl_, rgb), layer, interventions);  // (N')
    TokenNorms result;
    result.layer = layer < 0 ? static_cast<int>(config.depth) - 1 : layer;
    result.prefix = namedPrefixValues(config, norms);
    // Kept patches back onto the full grid; dropped ones are NaN.
    result.patches = toMat(patchValuesToGrid(norms.slice(0, config.numPrefixTokens()),
                                             tokenLayoutOf(config, interventions.droppedPatches)));
    return result;
  });
}

AblationScan Engine::ablateScan(const cv::Mat& rgb, int targetClass, int batch) {
  return onDeviceOrCpu(*impl_, [&] {
    const ModelMeta& meta = impl_->loaded.meta;
    const VitConfig& config = meta.config;
    if (!config.hasHead()) throw std::invalid_argument("this model has no classifier head: no probability to change");
    if (targetClass >= config.numClasses) throw std::invalid_argument("class out of range");
    batch = std::max(1, batch);
    requireMemoryForPass(config, batch, PassKind::Inference, impl_->source);
    c10::InferenceMode inference;
    VisionTransformer& model = impl_->loaded.model;
    const at::Tensor input = modelInput(*impl_, rgb);  // (1, 3, H, W)
    const auto start = std::chrono::steady_clock::now();
    const at::Tensor plain = at::softmax(model->forward(input).logits.to(at::kFloat), -1)[0].to(at::kCPU);
    const int64_t target = targetClass >= 0 ? targetClass : plain.argmax().item<int64_t>();
    AblationScan scan;
    scan.target = {target, meta.label(target), plain[target].item<float>()};
    const int64_t heads = config.numHeads;
    const int64_t total = config.depth * heads;
    scan.delta = cv::Mat(static_cast<int>(config.depth), static_cast<int>(heads), CV_32F, cv::Scalar(0));
    for (int64_t first = 0; first < total; first += batch) {
      const int64_t count = std::min<int64_t>(batch, total - first);
      // Image i of the batch ablates head (first + i): one (count, heads) mask per layer, ones elsewhere.
      std::vector<at::Tensor> masks(static_cast<size_t>(config.depth));
      for (int64_t i = 0; i < count; ++i) {
        const int64_t layer = (first + i) / heads;
        at::Tensor& mask = masks[static_cast<size_t>(layer)];
        if (!mask.defined()) mask = at::ones({count, heads}, input.options().dtype(at::kFloat));
        mask[i][(first + i) % heads] = 0.0;
      }
      const at::Tensor probabilities =
          at::softmax(model->forwardWithHeadMasks(input.expand({count, -1, -1, -1}), masks).to(at::kFloat), -1)
              .select(1, target)
              .to(at::kCPU)
              .contiguous();  // (count)
      for (int64_t i = 0; i < count; ++i) {
        scan.delta.at<float>(static_cast<int>((first + i) / heads), static_cast<int>((first + i) % heads)) =
            probabilities[i].item<float>() - scan.target.probability;
      }
    }
    scan.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return scan;
  });
}

}  // namespace vitlens
