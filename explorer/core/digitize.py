"""A student's own picture turned into a digit the way MNIST's digits were made.

MNIST's recipe: white ink on black, the digit cropped and scaled (keeping its shape) to fit a
20 x 20 box, then placed in a 28 x 28 frame with its centre of mass at the centre. Uploads are
untrusted: every way a file can be unusable ends in a DigitInputError with a message a student
can act on, never in a crash.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import numpy as np
from PIL import Image, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # one digit's picture; its uploader says so too (config.toml allows 50 MB data sets)
MAX_PIXELS = 25_000_000  # 5000 x 5000; a larger picture is refused before its pixels are decoded
MIN_SIDE = 8  # pixels: anything smaller cannot hold a recognisable digit
BOX = 20  # MNIST scaled each digit to fit 20 x 20 ...
FRAME = 28  # ... inside a 28 x 28 frame
INK = 0.2  # brightness (after cleaning up the background) that counts as ink when cropping


class DigitInputError(ValueError):
    """A picture that cannot become a digit; str(error) is the message to show the student."""


@dataclass(frozen=True)
class Digit:
    image: np.ndarray  # 1 x 28 x 28 float32 in [0, 1], white ink on black
    notes: tuple[str, ...] = ()  # what was done to the picture that the student should know


def digitize_upload(data: bytes) -> Digit:
    """Bytes of an uploaded file -> Digit, or DigitInputError saying what is wrong."""
    grey, notes = read_grey(data)
    image, more_notes = mnist_style(grey)
    return Digit(image, notes + more_notes)


def digitize_drawing(rgba: np.ndarray) -> Digit | None:
    """A drawing canvas's H x W x 4 RGBA pixels -> Digit; None while nothing is drawn."""
    rgba = np.asarray(rgba, dtype=np.float64) / 255.0
    if rgba.size == 0 or rgba[..., 3].max() == 0:
        return None
    try:
        image, notes = mnist_style(composite(rgba))
    except DigitInputError:
        return None  # a dot too faint to count: as good as nothing drawn yet
    return Digit(image, notes)


def read_grey(data: bytes, max_pixels: int = MAX_PIXELS) -> tuple[np.ndarray, tuple[str, ...]]:
    """Decode an image file safely -> (H x W grey floats in [0, 1], notes); larger than max_pixels is refused."""
    if not data:
        raise DigitInputError("The file is empty (0 bytes). Choose a picture of a digit.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise DigitInputError(f"The file is {len(data) / 2**20:.1f} MB; the limit is "
                              f"{MAX_UPLOAD_BYTES // 2**20} MB. A photo of one digit can be much smaller.")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            picture = Image.open(io.BytesIO(data))  # reads the header only
        except UnidentifiedImageError:
            raise DigitInputError("This file is not an image that can be read. "
                                  "Upload a PNG, JPEG, GIF, BMP or WebP picture.") from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_large(max_pixels=max_pixels) from None
        except (OSError, SyntaxError, ValueError) as exc:
            raise DigitInputError(f"The image file is damaged and cannot be opened ({exc}).") from None
        width, height = picture.size
        if width * height > max_pixels:
            raise _too_large(width, height, max_pixels)
        if width < MIN_SIDE or height < MIN_SIDE:
            raise DigitInputError(f"The image is only {width} x {height} pixels: too small to hold a digit. "
                                  f"It needs at least {MIN_SIDE} x {MIN_SIDE}.")
        notes: tuple[str, ...] = ()
        frames = getattr(picture, "n_frames", 1)
        if frames > 1:
            picture.seek(0)
            notes += (f"The image is animated ({frames} frames): only its first frame is used.",)
        try:
            picture.load()
            grey = to_grey(picture)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_large(width, height, max_pixels) from None
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise DigitInputError(f"The image file is damaged or cut short, so its pixels cannot be read "
                                  f"({exc}). Save or export it again and retry.") from None
    return grey, notes


def _too_large(width: int | None = None, height: int | None = None, max_pixels: int = MAX_PIXELS) -> DigitInputError:
    size = f" ({width} x {height} pixels)" if width else ""
    return DigitInputError(f"The image is far too large{size} to open safely: at most "
                           f"{max_pixels / 1_000_000:g} million pixels. Shrink or crop it first.")


def to_grey(picture: Image.Image) -> np.ndarray:
    """Any Pillow mode -> H x W floats in [0, 1], keeping 16-bit depth and handling transparency."""
    if picture.mode in ("I", "I;16", "I;16L", "I;16B", "I;16N", "F"):
        values = np.asarray(picture, dtype=np.float64)
        # 16-bit pictures use 0 ... 65535; a 32-bit "I" picture holding 8-bit values uses 0 ... 255.
        full_scale = 65535.0 if picture.mode.startswith("I;16") or values.max() > 255 else 255.0
        if picture.mode == "F":
            full_scale = max(float(values.max()), 1.0)
        return np.clip(values / full_scale, 0.0, 1.0)
    transparent = picture.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in picture.info
    if transparent:
        return composite(np.asarray(picture.convert("RGBA"), dtype=np.float64) / 255.0)
    return np.asarray(picture.convert("L"), dtype=np.float64) / 255.0


def composite(rgba: np.ndarray) -> np.ndarray:
    """RGBA floats -> grey, laying the picture on a background that contrasts with its ink.

    A dark drawing on a transparent background goes on white, a light one on black: either
    way the ink stays visible (mnist_style then makes it white on black).
    """
    alpha = rgba[..., 3]
    if alpha.max() == 0:
        raise DigitInputError("The image is fully transparent: there is nothing in it to read.")
    luminance = rgba[..., :3] @ np.array([0.299, 0.587, 0.114])
    ink_brightness = float((luminance * alpha).sum() / alpha.sum())
    background = 0.0 if ink_brightness > 0.5 else 1.0
    return alpha * luminance + (1.0 - alpha) * background


def mnist_style(grey: np.ndarray) -> tuple[np.ndarray, tuple[str, ...]]:
    """H x W grey in [0, 1] -> (1 x 28 x 28 MNIST-style digit, notes)."""
    grey = np.asarray(grey, dtype=np.float64)
    notes: tuple[str, ...] = ()
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    background = float(np.median(border))
    if background > 0.5:  # dark ink on light paper: MNIST is white ink on black
        grey, background = 1.0 - grey, 1.0 - background
        notes += ("Dark ink on a light background was inverted to MNIST's white digit on black.",)
    contrast = grey.max() - background
    if contrast < 0.1:
        raise DigitInputError("No digit found: the picture is (nearly) one flat colour. "
                              "Draw or photograph a digit in dark ink on light paper, or light on dark.")
    ink = np.clip((grey - background) / contrast, 0.0, 1.0)
    rows, cols = np.nonzero(ink > INK)
    ink = ink[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
    height, width = ink.shape
    scale = BOX / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))  # Pillow wants (width, height)
    glyph = np.asarray(Image.fromarray(ink.astype(np.float32), mode="F").resize(size, Image.Resampling.LANCZOS))
    glyph = np.clip(glyph, 0.0, None)
    glyph = glyph / glyph.max()  # thin strokes in a big picture fade when shrunk: restore full ink
    return centre_by_mass(glyph)[None].astype(np.float32), notes


def centre_by_mass(glyph: np.ndarray) -> np.ndarray:
    """Place an at most 20 x 20 glyph in a 28 x 28 frame so that its centre of mass is the frame's centre."""
    height, width = glyph.shape
    ys, xs = np.indices(glyph.shape)
    mass = glyph.sum()
    centre_y, centre_x = (ys * glyph).sum() / mass, (xs * glyph).sum() / mass
    middle = FRAME / 2  # 14: where MNIST's own digits have their centre of mass (measured: 13.7 to 14.5)
    top = int(np.clip(round(middle - centre_y), 0, FRAME - height))
    left = int(np.clip(round(middle - centre_x), 0, FRAME - width))
    frame = np.zeros((FRAME, FRAME), dtype=np.float64)
    frame[top : top + height, left : left + width] = glyph
    return frame
