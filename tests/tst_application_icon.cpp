// The icon and desktop entry id the window gets (ui/application_icon): the compiled-in icon at every size the
// theme installs, drawn (not a blank square), and the desktop file name that matches the installed entry.
#include <QFileInfo>
#include <QImage>
#include <QSet>
#include <QtTest>

#include "ui/application_icon.h"

class TestApplicationIcon : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void compiledInIconHasEverySize_data();
  void compiledInIconHasEverySize();
  void applicationGetsIconAndDesktopEntry();
};

void TestApplicationIcon::compiledInIconHasEverySize_data() {
  QTest::addColumn<int>("size");
  for (const int size : {48, 128, 256}) QTest::addRow("%d px", size) << size;
}

void TestApplicationIcon::compiledInIconHasEverySize() {
  QFETCH(int, size);
  // Offscreen there is normally no desktop theme holding "vitlens": then the compiled-in PNGs are what is used.
  if (!QIcon::fromTheme(QStringLiteral("vitlens")).isNull()) {
    QSKIP("an icon theme here has a vitlens icon (an installed vitlens): the compiled-in copy is not used");
  }
  const QIcon icon = vitlens::ui::applicationIcon();
  QVERIFY(icon.availableSizes().contains(QSize(size, size)));
  const QImage image = icon.pixmap(QSize(size, size)).toImage().convertToFormat(QImage::Format_ARGB32);
  QCOMPARE(image.size(), QSize(size, size));
  // Drawn: the centre is opaque, and the picture has more than one colour.
  QVERIFY(qAlpha(image.pixel(size / 2, size / 2)) > 200);
  QSet<QRgb> colours;
  for (int y = 0; y < size; y += 4) {
    for (int x = 0; x < size; x += 4) colours.insert(image.pixel(x, y));
  }
  QVERIFY2(colours.size() > 8, qPrintable(QString::number(colours.size())));
}

void TestApplicationIcon::applicationGetsIconAndDesktopEntry() {
  vitlens::ui::applyApplicationIcon();
  QCOMPARE(QGuiApplication::desktopFileName(), QStringLiteral("vitlens"));
  QVERIFY(!QGuiApplication::windowIcon().isNull());
  QVERIFY(QGuiApplication::windowIcon().availableSizes().contains(QSize(256, 256)));
  // The id is the installed entry's file name.
  QVERIFY(QFileInfo::exists(QStringLiteral(VITLENS_DESKTOP_DIR "/vitlens.desktop")));
}

QTEST_MAIN(TestApplicationIcon)
#include "tst_application_icon.moc"
