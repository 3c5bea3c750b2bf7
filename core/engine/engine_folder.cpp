// Engine::evaluateFolder: a whole folder through the model in batches, decoded in parallel, every image's result
// kept (engine/folder_evaluation.h). The CLI (evaluate, classify DIR) and the window run this same code, so their
// numbers and speed agree.
#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "engine/engine.h"
#include "engine/engine_impl.h"
#include "imaging/image_decode.h"
#include "imaging/image_tensor.h"
#include "imaging/preprocess.h"
#include "model/memory_estimate.h"
#include "util/image_folder_scan.h"

namespace vitlens {

FolderEvaluation Engine::evaluateFolder(const std::string& dir, const FolderOptions& options,
                                        const FolderProgress& progress) {
  return onDeviceOrCpu(*impl_, [&] {
    const ModelMeta& meta = impl_->loaded.meta;
    if (!meta.config.hasHead()) {
      throw std::runtime_error(impl_->source +
                               ": has no classifier head (a feature extractor), so there is nothing to " + "evaluate");
    }
    std::vector<std::string> labels;
    for (int64_t i = 0; i < meta.config.numClasses; ++i) labels.push_back(meta.label(i));
    FolderEvaluation result;
    result.confusion = ConfusionMatrix(labels);
    std::vector<std::string> files;
    std::vector<int64_t> labelOfFile;  // the model's label index of each file, or -1
    if (options.labelled) {
      const ImageFolder folder = scanImageFolder(dir);
      const std::vector<int64_t> labelOf = matchFoldersToLabels(folder.classes, labels);
      result.presentClasses = labelOf;
      std::sort(result.presentClasses.begin(), result.presentClasses.end());
      files = folder.files;
      for (int64_t label : folder.labels) labelOfFile.push_back(labelOf[static_cast<size_t>(label)]);
    } else {
      files = listImagesRecursively(dir);
      labelOfFile.assign(files.size(), -1);
    }

    const int batch = std::max(1, options.batch);
    const int threads = std::max(1, options.threads);
    requireMemoryForPass(meta.config, batch, PassKind::Inference, impl_->source);
    const PreprocessSpec spec = preprocessSpecFor(meta);
    c10::InferenceMode inference;
    VisionTransformer& model = impl_->loaded.model;
    const c10::Device device = model->pos_embed.device();
    const auto count = static_cast<int64_t>(files.size());
    result.perImage.reserve(files.size());
    std::vector<PreparedImage> prepared;
    std::vector<std::string> errors;
    for (int64_t start = 0; start < count; start += batch) {
      const int64_t size = std::min<int64_t>(batch, count - start);
      // Decoding a batch in parallel: each thread fills every threads-th slot; a bad image is recorded, not fatal.
      prepared.assign(static_cast<size_t>(size), PreparedImage{});
      errors.assign(static_cast<size_t>(size), std::string());
      const auto work = [&](int t) {
        for (int64_t i = t; i < size; i += threads) {
          const std::string& path = files[static_cast<size_t>(start + i)];
          try {
            prepared[static_cast<size_t>(i)] = preprocessImage(decodeImageFile(path), spec);
          } catch (const std::exception& error) {
            errors[static_cast<size_t>(i)] = error.what();
            if (errors[static_cast<size_t>(i)].empty()) errors[static_cast<size_t>(i)] = "could not be read";
          }
        }
      };
      std::vector<std::thread> workers;
      for (int t = 1; t < threads; ++t) workers.emplace_back(work, t);
      work(0);
      for (auto& worker : workers) worker.join();

      std::vector<PreparedImage> good;
      for (int64_t i = 0; i < size; ++i) {
        if (errors[static_cast<size_t>(i)].empty()) good.push_back(std::move(prepared[static_cast<size_t>(i)]));
      }
      at::Tensor probabilities;  // (good, classes) float32 on the CPU
      double milliseconds = 0.0;
      if (!good.empty()) {
        const at::Tensor input = toDevice(toInputBatch(good), device);  // (good, 3, H, W)
        const auto begin = std::chrono::steady_clock::now();
        probabilities = at::softmax(model->forward(input).logits.to(at::kFloat), -1).to(at::kCPU).contiguous();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
        result.seconds += seconds;
        milliseconds = 1000.0 * seconds / static_cast<double>(good.size());
      }
      const int64_t k = std::max<int64_t>(1, std::min<int64_t>(options.topk, meta.config.numClasses));
      at::Tensor topValues, topIndices;  // (good, k)
      if (probabilities.defined()) std::tie(topValues, topIndices) = probabilities.topk(k, 1);
      int64_t row = 0;
      for (int64_t i = 0; i < size; ++i) {
        ImageOutcome outcome;
        outcome.path = files[static_cast<size_t>(start + i)];
        outcome.label = labelOfFile[static_cast<size_t>(start + i)];
        if (!errors[static_cast<size_t>(i)].empty()) {
          outcome.error = errors[static_cast<size_t>(i)];
          ++result.failed;
        } else {
          const float* values = topValues[row].data_ptr<float>();
          const at::Tensor indices = topIndices[row].contiguous();
          const int64_t* classes = indices.data_ptr<int64_t>();
          for (int64_t j = 0; j < k; ++j) outcome.top.push_back({classes[j], meta.label(classes[j]), values[j]});
          outcome.milliseconds = milliseconds;
          if (outcome.label >= 0) result.confusion.add(outcome.label, outcome.predicted());
          ++result.images;
          ++row;
        }
        result.perImage.push_back(std::move(outcome));
      }
      if (progress && !progress(start + size, count)) {
        result.cancelled = start + size < count;
        break;
      }
    }
    result.imagesPerSecond = result.seconds > 0 ? static_cast<double>(result.images) / result.seconds : 0.0;
    return result;
  });
}

}  // namespace vitlens
