// matmul_W_key_l0_matmul_v6_one_row: W_key_l0 @ %6 (attention_bahdanau.cell:22)
// a [rows, depth] x [depth, 10] product; each thread computes 1x8 outputs in registers

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

override workgroup_x: u32 = 64u; // the workgroup's shape, chosen per adapter
override workgroup_y: u32 = 1u;
override workgroup_z: u32 = 1u;
@compute @workgroup_size(workgroup_x, workgroup_y, workgroup_z)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let rows = sizes.B * sizes.S;
  let depth = 12u;
  let row0 = gid.y * 1u;
  let col0 = gid.x * 8u;
  if (row0 >= rows || col0 >= 10u) { return; }
  // clamp reads at the edges; only in-range results are written
  let r0 = min(row0 + 0u, rows - 1u);
  let c0 = min(col0 + 0u, 9u);
  let c1 = min(col0 + 1u, 9u);
  let c2 = min(col0 + 2u, 9u);
  let c3 = min(col0 + 3u, 9u);
  let c4 = min(col0 + 4u, 9u);
  let c5 = min(col0 + 5u, 9u);
  let c6 = min(col0 + 6u, 9u);
  let c7 = min(col0 + 7u, 9u);
  var acc0_0 = vec4f(0.0);
  var acc0_1 = vec4f(0.0);
  for (var k = 0u; k < depth; k += 1u) {
    let w0 = vec4f(params_buf[2592u + c0 * 12u + k], params_buf[2592u + c1 * 12u + k], params_buf[2592u + c2 * 12u + k], params_buf[2592u + c3 * 12u + k]);
    let w1 = vec4f(params_buf[2592u + c4 * 12u + k], params_buf[2592u + c5 * 12u + k], params_buf[2592u + c6 * 12u + k], params_buf[2592u + c7 * 12u + k]);
    let a0 = work_buf[24u * sizes.B * sizes.T + 12u * sizes.B * sizes.S + 84u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + r0 * 12u + k];
    acc0_0 += a0 * w0;
    acc0_1 += a0 * w1;
  }
  if (row0 + 0u < rows) { if (col0 + 0u < 10u) { work_buf[24u * sizes.B * sizes.T + 24u * sizes.B * sizes.S + 84u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + (row0 + 0u) * 10u + col0 + 0u] = acc0_0[0]; } if (col0 + 1u < 10u) { work_buf[24u * sizes.B * sizes.T + 24u * sizes.B * sizes.S + 84u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + (row0 + 0u) * 10u + col0 + 1u] = acc0_0[1]; } if (col0 + 2u < 10u) { work_buf[24u * sizes.B * sizes.T + 24u * sizes.B * sizes.S + 84u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + (row0 + 0u) * 10u + col0 + 2u] = acc0_0[2]; } if (col0 + 3u < 10u) { work_buf[24u * sizes.B * sizes.T + 24u * sizes.B * sizes.S + 84u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + (row0 + 0u) * 10u + col0 + 3u] = acc0_0[3]; } if (col0 + 4u < 10u) { work_buf[24u * sizes.B * sizes.T + 24u * sizes.B * sizes.S + 84u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + (row0 + 0u) * 10u + col0 + 4u] = acc0_1[0]; } if (col0 + 5u < 10u) { work_buf[24u * sizes.B * sizes.T + 24u * sizes.B * sizes.S + 84u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + (row0 + 0u) * 10u + col0 + 5u] = acc0_1[1]; } if (col0 + 6u < 10u) { work_buf[24u * sizes.B * sizes.T + 24u * sizes.B * sizes.S + 84u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + (row0 + 0u) * 10u + col0 + 6u] = acc0_1[2]; } if (col0 + 7u < 10u) { work_buf[24u * sizes.B * sizes.T + 24u * sizes.B * sizes.S + 84u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + (row0 + 0u) * 10u + col0 + 7u] = acc0_1[3]; } }
}
