// matmul_decoder_weight_matmul_h: decoder_weight @ h (char_lstm.cell:36)
// a [rows, depth] x [depth, 65] product; each thread computes 4x4 outputs in registers

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read> params_buf: array<f32>;
@group(0) @binding(2) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let rows = sizes.B * sizes.T;
  let depth = 256u;
  let row0 = gid.y * 4u;
  let col0 = gid.x * 4u;
  if (row0 >= rows || col0 >= 65u) { return; }
  // clamp reads at the edges; only in-range results are written
  let r0 = min(row0 + 0u, rows - 1u);
  let r1 = min(row0 + 1u, rows - 1u);
  let r2 = min(row0 + 2u, rows - 1u);
  let r3 = min(row0 + 3u, rows - 1u);
  let c0 = min(col0 + 0u, 64u);
  let c1 = min(col0 + 1u, 64u);
  let c2 = min(col0 + 2u, 64u);
  let c3 = min(col0 + 3u, 64u);
  var acc0 = vec4f(0.0);
  var acc1 = vec4f(0.0);
  var acc2 = vec4f(0.0);
  var acc3 = vec4f(0.0);
  for (var k = 0u; k < depth; k++) {
    let w = vec4f(params_buf[4160u + c0 * 256u + k], params_buf[4160u + c1 * 256u + k], params_buf[4160u + c2 * 256u + k], params_buf[4160u + c3 * 256u + k]);
    acc0 += work_buf[4674u * sizes.B * sizes.T + 2816u * sizes.B + r0 * 256u + k] * w;
    acc1 += work_buf[4674u * sizes.B * sizes.T + 2816u * sizes.B + r1 * 256u + k] * w;
    acc2 += work_buf[4674u * sizes.B * sizes.T + 2816u * sizes.B + r2 * 256u + k] * w;
    acc3 += work_buf[4674u * sizes.B * sizes.T + 2816u * sizes.B + r3 * 256u + k] * w;
  }
  if (row0 + 0u < rows) { if (col0 + 0u < 65u) { work_buf[5186u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 0u) * 65u + col0 + 0u] = acc0[0]; } if (col0 + 1u < 65u) { work_buf[5186u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 0u) * 65u + col0 + 1u] = acc0[1]; } if (col0 + 2u < 65u) { work_buf[5186u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 0u) * 65u + col0 + 2u] = acc0[2]; } if (col0 + 3u < 65u) { work_buf[5186u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 0u) * 65u + col0 + 3u] = acc0[3]; } }
  if (row0 + 1u < rows) { if (col0 + 0u < 65u) { work_buf[5186u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 1u) * 65u + col0 + 0u] = acc1[0]; } if (col0 + 1u < 65u) { work_buf[5186u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 1u) * 65u + col0 + 1u] = acc1[1]; } if (col0 + 2u < 65u) { work_buf[5186u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 1u) * 65u + col0 + 2u] = acc1[2]; } if (col0 + 3u < 65u) { work_buf[5186u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 1u) * 65u + col0 + 3u] = acc1[3]; } }
  if (row0 + 2u < rows) { if (col0 + 0u < 65u) { work_buf[5186u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 2u) * 65u + col0 + 0u] = acc2[0]; } if (col0 + 1u < 65u) { work_buf[5186u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 2u) * 65u + col0 + 1u] = acc2[1]; } if (col0 + 2u < 65u) { work_buf[5186u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 2u) * 65u + col0 + 2u] = acc2[2]; } if (col0 + 3u < 65u) { work_buf[5186u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 2u) * 65u + col0 + 3u] = acc2[3]; } }
  if (row0 + 3u < rows) { if (col0 + 0u < 65u) { work_buf[5186u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 3u) * 65u + col0 + 0u] = acc3[0]; } if (col0 + 1u < 65u) { work_buf[5186u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 3u) * 65u + col0 + 1u] = acc3[1]; } if (col0 + 2u < 65u) { work_buf[5186u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 3u) * 65u + col0 + 2u] = acc3[2]; } if (col0 + 3u < 65u) { work_buf[5186u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 3u) * 65u + col0 + 3u] = acc3[3]; } }
}
