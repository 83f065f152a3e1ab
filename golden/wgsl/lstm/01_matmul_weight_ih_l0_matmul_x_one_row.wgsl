// matmul_weight_ih_l0_matmul_x_one_row: weight_ih_l0 @ x + bias (lstm.cell:17)
// a [rows, depth] x [depth, 80] product; each thread computes 1x8 outputs in registers

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
  let depth = 10u;
  let row0 = gid.y * 1u;
  let col0 = gid.x * 8u;
  if (row0 >= rows || col0 >= 80u) { return; }
  // clamp reads at the edges; only in-range results are written
  let r0 = min(row0 + 0u, rows - 1u);
  let c0 = min(col0 + 0u, 79u);
  let c1 = min(col0 + 1u, 79u);
  let c2 = min(col0 + 2u, 79u);
  let c3 = min(col0 + 3u, 79u);
  let c4 = min(col0 + 4u, 79u);
  let c5 = min(col0 + 5u, 79u);
  let c6 = min(col0 + 6u, 79u);
  let c7 = min(col0 + 7u, 79u);
  var acc0_0 = vec4f(0.0);
  var acc0_1 = vec4f(0.0);
  for (var k = 0u; k < depth; k += 1u) {
    let w0 = vec4f(params_buf[c0 * 10u + k], params_buf[c1 * 10u + k], params_buf[c2 * 10u + k], params_buf[c3 * 10u + k]);
    let w1 = vec4f(params_buf[c4 * 10u + k], params_buf[c5 * 10u + k], params_buf[c6 * 10u + k], params_buf[c7 * 10u + k]);
    let a0 = work_buf[r0 * 10u + k];
    acc0_0 += a0 * w0;
    acc0_1 += a0 * w1;
  }
  if (row0 + 0u < rows) { if (col0 + 0u < 80u) { work_buf[32u * sizes.B * sizes.T + 180u * sizes.B + (row0 + 0u) * 80u + col0 + 0u] = acc0_0[0] + params_buf[2400u + c0]; } if (col0 + 1u < 80u) { work_buf[32u * sizes.B * sizes.T + 180u * sizes.B + (row0 + 0u) * 80u + col0 + 1u] = acc0_0[1] + params_buf[2400u + c1]; } if (col0 + 2u < 80u) { work_buf[32u * sizes.B * sizes.T + 180u * sizes.B + (row0 + 0u) * 80u + col0 + 2u] = acc0_0[2] + params_buf[2400u + c2]; } if (col0 + 3u < 80u) { work_buf[32u * sizes.B * sizes.T + 180u * sizes.B + (row0 + 0u) * 80u + col0 + 3u] = acc0_0[3] + params_buf[2400u + c3]; } if (col0 + 4u < 80u) { work_buf[32u * sizes.B * sizes.T + 180u * sizes.B + (row0 + 0u) * 80u + col0 + 4u] = acc0_1[0] + params_buf[2400u + c4]; } if (col0 + 5u < 80u) { work_buf[32u * sizes.B * sizes.T + 180u * sizes.B + (row0 + 0u) * 80u + col0 + 5u] = acc0_1[1] + params_buf[2400u + c5]; } if (col0 + 6u < 80u) { work_buf[32u * sizes.B * sizes.T + 180u * sizes.B + (row0 + 0u) * 80u + col0 + 6u] = acc0_1[2] + params_buf[2400u + c6]; } if (col0 + 7u < 80u) { work_buf[32u * sizes.B * sizes.T + 180u * sizes.B + (row0 + 0u) * 80u + col0 + 7u] = acc0_1[3] + params_buf[2400u + c7]; } }
}
