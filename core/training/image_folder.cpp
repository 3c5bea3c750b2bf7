#include "training/image_folder.h"

#include <ATen/ops/empty.h>
#include <ATen/ops/tensor.h>

#include <opencv2/core.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <mutex>
#include <numeric>
#include <random>
#include <set>
#include <thread>

#include "imaging/image_decode.h"
#include "imaging/preprocess.h"

namespace vitlens {
namespace {

namespace fs = std::filesystem;

// The model input as uint8 RGB. Other sizes reuse the engine's preprocessing geometry so that training sees what
// inference will: normalising with mean 0 and stddev 1/255 leaves the byte values, which round back exactly.
cv::Mat toInputSize(const cv::Mat& rgb, int height, int width) {
  if (rgb.rows == height && rgb.cols == width) return rgb;
  PreprocessSpec spec;
  spec.height = height;
  spec.width = width;
  spec.mean = {0.0f, 0.0f, 0.0f};
  spec.stddev = {1.0f / 255.0f, 1.0f / 255.0f, 1.0f / 255.0f};
  cv::Mat bytes;
  preprocessImage(rgb, spec).input.convertTo(bytes, CV_8UC3);
  return bytes;
}

}  // namespace


ImageSet decodeImages(const ImageFolder& folder, const std::vector<int64_t>& indices, int height, int width,
                      int threads) {
  const auto count = static_cast<int64_t>(indices.size());
  ImageSet set;
  set.images = at::empty({count, height, width, 3}, at::TensorOptions(at::kByte));  // (N, H, W, 3)
  set.labels = at::empty({count}, at::TensorOptions(at::kLong));
  uint8_t* images = set.images.data_ptr<uint8_t>();
  int64_t* labels = set.labels.data_ptr<int64_t>();
  const int64_t imageBytes = static_cast<int64_t>(height) * width * 3;

  // Each worker takes the next index; the first failure stops the others and is rethrown here.
  std::atomic<int64_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr firstError;
  std::mutex errorMutex;
  const auto work = [&] {
    for (int64_t i = next++; i < count && !failed; i = next++) {
      const std::string& path = folder.files.at(static_cast<size_t>(indices[static_cast<size_t>(i)]));
      try {
        const cv::Mat rgb = toInputSize(decodeImageFile(path), height, width);
        const cv::Mat packed = rgb.isContinuous() ? rgb : rgb.clone();
        std::copy(packed.data, packed.data + imageBytes, images + i * imageBytes);
        labels[i] = folder.labels.at(static_cast<size_t>(indices[static_cast<size_t>(i)]));
      } catch (const std::exception& exception) {
        std::lock_guard<std::mutex> lock(errorMutex);
        std::string message = exception.what();
        if (message.find(path) == std::string::npos) message = path + ": " + message;
        if (!failed.exchange(true)) firstError = std::make_exception_ptr(DatasetError(message));
      }
    }
  };
  std::vector<std::thread> workers;
  for (int t = 1; t < std::max(1, threads); ++t) workers.emplace_back(work);
  work();
  for (auto& worker : workers) worker.join();
  if (firstError) std::rethrow_exception(firstError);
  return set;
}

Split holdoutSplit(int64_t count, int64_t holdout, uint64_t seed) {
  if (holdout < 0 || holdout >= count) {
    throw DatasetError("cannot hold out " + std::to_string(holdout) + " of " + std::to_string(count) + " images");
  }
  std::vector<int64_t> order(static_cast<size_t>(count));
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(seed ^ 0x9e3779b97f4a7c15ULL);  // its own stream, apart from the epoch shuffles
  std::shuffle(order.begin(), order.end(), rng);
  Split split;
  split.val.assign(order.begin(), order.begin() + holdout);
  split.train.assign(order.begin() + holdout, order.end());
  std::sort(split.val.begin(), split.val.end());
  std::sort(split.train.begin(), split.train.end());
  return split;
}

std::vector<int64_t> imbalancedCounts(const std::vector<int64_t>& counts, double ratio) {
  const int64_t classes = static_cast<int64_t>(counts.size());
  const int64_t maxCount = counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
  std::vector<int64_t> kept(counts.size());
  for (int64_t i = 0; i < classes; ++i) {
    const double exponent = classes > 1 ? -static_cast<double>(i) / static_cast<double>(classes - 1) : 0.0;
    const auto target = static_cast<int64_t>(std::llround(static_cast<double>(maxCount) * std::pow(ratio, exponent)));
    kept[static_cast<size_t>(i)] = std::min(counts[static_cast<size_t>(i)], std::max<int64_t>(1, target));
  }
  return kept;
}

std::vector<int64_t> imbalancedSubset(const std::vector<int64_t>& indices, const std::vector<int64_t>& labels,
                                      int64_t numClasses, double ratio, uint64_t seed) {
  std::vector<std::vector<int64_t>> byClass(static_cast<size_t>(numClasses));
  for (int64_t index : indices) byClass.at(static_cast<size_t>(labels.at(static_cast<size_t>(index)))).push_back(index);
  std::vector<int64_t> counts;
  for (const auto& members : byClass) counts.push_back(static_cast<int64_t>(members.size()));
  const std::vector<int64_t> kept = imbalancedCounts(counts, ratio);
  std::mt19937_64 rng(seed ^ 0x5851f42d4c957f2dULL);
  std::vector<int64_t> subset;
  for (size_t c = 0; c < byClass.size(); ++c) {
    std::shuffle(byClass[c].begin(), byClass[c].end(), rng);
    subset.insert(subset.end(), byClass[c].begin(), byClass[c].begin() + kept[c]);
  }
  std::sort(subset.begin(), subset.end());
  return subset;
}

std::vector<double> classWeights(const std::vector<int64_t>& labels, int64_t numClasses) {
  std::vector<int64_t> counts(static_cast<size_t>(numClasses), 0);
  for (int64_t label : labels) ++counts.at(static_cast<size_t>(label));
  std::vector<double> weights(counts.size(), 0.0);
  for (size_t c = 0; c < counts.size(); ++c) {
    if (counts[c] > 0) weights[c] = static_cast<double>(labels.size()) / static_cast<double>(counts[c]);
  }
  return weights;
}

ChannelStats channelStats(const at::Tensor& images) {
  // A histogram per channel keeps the sums exact and needs no float copy of the data set.
  std::array<std::array<uint64_t, 256>, 3> histogram{};
  const at::Tensor packed = images.contiguous();
  const uint8_t* data = packed.data_ptr<uint8_t>();
  const int64_t values = packed.numel();
  for (int64_t i = 0; i < values; i += 3) {
    ++histogram[0][data[i]];
    ++histogram[1][data[i + 1]];
    ++histogram[2][data[i + 2]];
  }
  ChannelStats stats;
  for (size_t c = 0; c < 3; ++c) {
    double count = 0.0, sum = 0.0, squares = 0.0;
    for (int v = 0; v < 256; ++v) {
      const double n = static_cast<double>(histogram[c][static_cast<size_t>(v)]);
      const double x = v / 255.0;
      count += n;
      sum += n * x;
      squares += n * x * x;
    }
    const double mean = count > 0 ? sum / count : 0.5;
    const double variance = count > 0 ? std::max(0.0, squares / count - mean * mean) : 0.25;
    stats.mean[c] = static_cast<float>(mean);
    stats.stddev[c] = static_cast<float>(std::max(std::sqrt(variance), 1e-3));  // a constant image set stays finite
  }
  return stats;
}

std::string describeImageFolder(const ImageFolder& folder) {
  uint64_t hash = 14695981039346656037ull;  // FNV-1a 64 offset basis
  const auto mix = [&hash](const std::string& text) {
    for (const char c : text) {
      hash ^= static_cast<uint8_t>(c);
      hash *= 1099511628211ull;  // FNV prime
    }
  };
  for (size_t i = 0; i < folder.files.size(); ++i) {
    mix(folder.classes[static_cast<size_t>(folder.labels[i])] + "/" + fs::path(folder.files[i]).filename().string() +
        "\n");
  }
  const fs::path root = fs::path(folder.root).lexically_normal();
  const fs::path trimmed = root.filename().empty() ? root.parent_path() : root;  // "data/cifar10/train/" too
  const std::string name = trimmed.parent_path().filename().empty()
                               ? trimmed.filename().string()
                               : trimmed.parent_path().filename().string() + "/" + trimmed.filename().string();
  char checksum[17];
  std::snprintf(checksum, sizeof checksum, "%016llx", static_cast<unsigned long long>(hash));
  return name + ": " + std::to_string(folder.files.size()) + " images in " + std::to_string(folder.classes.size()) +
         " classes, file list fnv1a64 " + checksum;
}

}  // namespace vitlens
