// matmul_logits_one_row: decoder_weight @ y + bias (char_mingru.cell:34)
// a [rows, depth] x [depth, 65] product; each thread computes 1x8 outputs in registers

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

override workgroup_x: u32 = 64u; // the workgroup's shape, chosen per adapter
override workgroup_y: u32 = 1u;
override workgroup_z: u32 = 1u;
@compute @workgroup_size(workgroup_x, workgroup_y, workgroup_z)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let rows = sizes.B * sizes.T;
  let depth = 304u;
  let row0 = gid.y * 1u;
  let col0 = gid.x * 8u;
  if (row0 >= rows || col0 >= 65u) { return; }
  // clamp reads at the edges; only in-range results are written
  let r0 = min(row0 + 0u, rows - 1u);
  let c0 = min(col0 + 0u, 64u);
  let c1 = min(col0 + 1u, 64u);
  let c2 = min(col0 + 2u, 64u);
  let c3 = min(col0 + 3u, 64u);
  let c4 = min(col0 + 4u, 64u);
  let c5 = min(col0 + 5u, 64u);
  let c6 = min(col0 + 6u, 64u);
  let c7 = min(col0 + 7u, 64u);
  var acc0_0 = vec4f(0.0);
  var acc0_1 = vec4f(0.0);
  for (var k = 0u; k < depth; k += 1u) {
    let w0 = vec4f(params_buf[412736u + c0 * 304u + k], params_buf[412736u + c1 * 304u + k], params_buf[412736u + c2 * 304u + k], params_buf[412736u + c3 * 304u + k]);
    let w1 = vec4f(params_buf[412736u + c4 * 304u + k], params_buf[412736u + c5 * 304u + k], params_buf[412736u + c6 * 304u + k], params_buf[412736u + c7 * 304u + k]);
    let a0 = work_buf[684u * sizes.B * sizes.T + 1824u * sizes.B + 4u + r0 * 304u + k];
    acc0_0 += a0 * w0;
    acc0_1 += a0 * w1;
  }
  if (row0 + 0u < rows) { if (col0 + 0u < 65u) { work_buf[8u * sizes.B * sizes.T + 1824u * sizes.B + (row0 + 0u) * 65u + col0 + 0u] = acc0_0[0] + params_buf[432496u + c0]; } if (col0 + 1u < 65u) { work_buf[8u * sizes.B * sizes.T + 1824u * sizes.B + (row0 + 0u) * 65u + col0 + 1u] = acc0_0[1] + params_buf[432496u + c1]; } if (col0 + 2u < 65u) { work_buf[8u * sizes.B * sizes.T + 1824u * sizes.B + (row0 + 0u) * 65u + col0 + 2u] = acc0_0[2] + params_buf[432496u + c2]; } if (col0 + 3u < 65u) { work_buf[8u * sizes.B * sizes.T + 1824u * sizes.B + (row0 + 0u) * 65u + col0 + 3u] = acc0_0[3] + params_buf[432496u + c3]; } if (col0 + 4u < 65u) { work_buf[8u * sizes.B * sizes.T + 1824u * sizes.B + (row0 + 0u) * 65u + col0 + 4u] = acc0_1[0] + params_buf[432496u + c4]; } if (col0 + 5u < 65u) { work_buf[8u * sizes.B * sizes.T + 1824u * sizes.B + (row0 + 0u) * 65u + col0 + 5u] = acc0_1[1] + params_buf[432496u + c5]; } if (col0 + 6u < 65u) { work_buf[8u * sizes.B * sizes.T + 1824u * sizes.B + (row0 + 0u) * 65u + col0 + 6u] = acc0_1[2] + params_buf[432496u + c6]; } if (col0 + 7u < 65u) { work_buf[8u * sizes.B * sizes.T + 1824u * sizes.B + (row0 + 0u) * 65u + col0 + 7u] = acc0_1[3] + params_buf[432496u + c7]; } }
}
