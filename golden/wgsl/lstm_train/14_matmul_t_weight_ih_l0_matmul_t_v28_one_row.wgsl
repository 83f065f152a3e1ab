// matmul_t_weight_ih_l0_matmul_t_v28_one_row: %28 times weight_ih_l0 (lstm.cell:9)
// a [rows, depth] x [depth, 10] product; each thread computes 1x8 outputs in registers

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
  let depth = 80u;
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
    let w0 = vec4f(params_buf[k * 10u + c0], params_buf[k * 10u + c1], params_buf[k * 10u + c2], params_buf[k * 10u + c3]);
    let w1 = vec4f(params_buf[k * 10u + c4], params_buf[k * 10u + c5], params_buf[k * 10u + c6], params_buf[k * 10u + c7]);
    let a0 = work_buf[2560u + 64u * sizes.B * sizes.T + 260u * sizes.B + r0 * 80u + k];
    acc0_0 += a0 * w0;
    acc0_1 += a0 * w1;
  }
  if (row0 + 0u < rows) { if (col0 + 0u < 10u) { work_buf[2560u + 52u * sizes.B * sizes.T + 220u * sizes.B + (row0 + 0u) * 10u + col0 + 0u] = acc0_0[0]; } if (col0 + 1u < 10u) { work_buf[2560u + 52u * sizes.B * sizes.T + 220u * sizes.B + (row0 + 0u) * 10u + col0 + 1u] = acc0_0[1]; } if (col0 + 2u < 10u) { work_buf[2560u + 52u * sizes.B * sizes.T + 220u * sizes.B + (row0 + 0u) * 10u + col0 + 2u] = acc0_0[2]; } if (col0 + 3u < 10u) { work_buf[2560u + 52u * sizes.B * sizes.T + 220u * sizes.B + (row0 + 0u) * 10u + col0 + 3u] = acc0_0[3]; } if (col0 + 4u < 10u) { work_buf[2560u + 52u * sizes.B * sizes.T + 220u * sizes.B + (row0 + 0u) * 10u + col0 + 4u] = acc0_1[0]; } if (col0 + 5u < 10u) { work_buf[2560u + 52u * sizes.B * sizes.T + 220u * sizes.B + (row0 + 0u) * 10u + col0 + 5u] = acc0_1[1]; } if (col0 + 6u < 10u) { work_buf[2560u + 52u * sizes.B * sizes.T + 220u * sizes.B + (row0 + 0u) * 10u + col0 + 6u] = acc0_1[2]; } if (col0 + 7u < 10u) { work_buf[2560u + 52u * sizes.B * sizes.T + 220u * sizes.B + (row0 + 0u) * 10u + col0 + 7u] = acc0_1[3]; } }
}
