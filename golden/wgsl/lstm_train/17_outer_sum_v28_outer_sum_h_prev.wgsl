// outer_sum_v28_outer_sum_h_prev: sum over rows of %28 (x) h_prev (lstm.cell:9)
// a [rows, depth] x [depth, 20] product; each thread computes 16x4 outputs in registers, reading four floats at a time, part p = gid.z adding up the rows p, p + 32, p + 64, ...

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

override workgroup_x: u32 = 8u; // the workgroup's shape, chosen per adapter
override workgroup_y: u32 = 2u;
override workgroup_z: u32 = 1u;
@compute @workgroup_size(workgroup_x, workgroup_y, workgroup_z)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let rows = 80u;
  let depth = sizes.B * sizes.T;
  let row0 = gid.y * 16u;
  let col0 = gid.x * 4u;
  if (row0 >= rows || col0 >= 20u) { return; }
  let a_base = 640u + 16u * sizes.B * sizes.T + 65u * sizes.B;
  let b_base = 640u + 3u * sizes.B * sizes.T + 10u * sizes.B;
  let y_base = 640u + 36u * sizes.B * sizes.T + 65u * sizes.B;
  let a_rows0 = a_base + min(row0 + 0u, rows - 4u) / 4u;
  let a_rows1 = a_base + min(row0 + 4u, rows - 4u) / 4u;
  let a_rows2 = a_base + min(row0 + 8u, rows - 4u) / 4u;
  let a_rows3 = a_base + min(row0 + 12u, rows - 4u) / 4u;
  let b_cols0 = b_base + min(col0 + 0u, 16u) / 4u;
  var acc0_0 = vec4f(0.0);
  var acc1_0 = vec4f(0.0);
  var acc2_0 = vec4f(0.0);
  var acc3_0 = vec4f(0.0);
  var acc4_0 = vec4f(0.0);
  var acc5_0 = vec4f(0.0);
  var acc6_0 = vec4f(0.0);
  var acc7_0 = vec4f(0.0);
  var acc8_0 = vec4f(0.0);
  var acc9_0 = vec4f(0.0);
  var acc10_0 = vec4f(0.0);
  var acc11_0 = vec4f(0.0);
  var acc12_0 = vec4f(0.0);
  var acc13_0 = vec4f(0.0);
  var acc14_0 = vec4f(0.0);
  var acc15_0 = vec4f(0.0);
  for (var k = gid.z; k < depth; k += 32u) {
    let a0 = work_buf[a_rows0 + k * 20u];
    let a1 = work_buf[a_rows1 + k * 20u];
    let a2 = work_buf[a_rows2 + k * 20u];
    let a3 = work_buf[a_rows3 + k * 20u];
    let w0 = work_buf[b_cols0 + k * 5u];
    acc0_0 += a0.x * w0;
    acc1_0 += a0.y * w0;
    acc2_0 += a0.z * w0;
    acc3_0 += a0.w * w0;
    acc4_0 += a1.x * w0;
    acc5_0 += a1.y * w0;
    acc6_0 += a1.z * w0;
    acc7_0 += a1.w * w0;
    acc8_0 += a2.x * w0;
    acc9_0 += a2.y * w0;
    acc10_0 += a2.z * w0;
    acc11_0 += a2.w * w0;
    acc12_0 += a3.x * w0;
    acc13_0 += a3.y * w0;
    acc14_0 += a3.z * w0;
    acc15_0 += a3.w * w0;
  }
  if (row0 + 0u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + gid.z * rows * 5u + (row0 + 0u) * 5u + col0 / 4u + 0u] = acc0_0; } }
  if (row0 + 1u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + gid.z * rows * 5u + (row0 + 1u) * 5u + col0 / 4u + 0u] = acc1_0; } }
  if (row0 + 2u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + gid.z * rows * 5u + (row0 + 2u) * 5u + col0 / 4u + 0u] = acc2_0; } }
  if (row0 + 3u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + gid.z * rows * 5u + (row0 + 3u) * 5u + col0 / 4u + 0u] = acc3_0; } }
  if (row0 + 4u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + gid.z * rows * 5u + (row0 + 4u) * 5u + col0 / 4u + 0u] = acc4_0; } }
  if (row0 + 5u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + gid.z * rows * 5u + (row0 + 5u) * 5u + col0 / 4u + 0u] = acc5_0; } }
  if (row0 + 6u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + gid.z * rows * 5u + (row0 + 6u) * 5u + col0 / 4u + 0u] = acc6_0; } }
  if (row0 + 7u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + gid.z * rows * 5u + (row0 + 7u) * 5u + col0 / 4u + 0u] = acc7_0; } }
  if (row0 + 8u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + gid.z * rows * 5u + (row0 + 8u) * 5u + col0 / 4u + 0u] = acc8_0; } }
  if (row0 + 9u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + gid.z * rows * 5u + (row0 + 9u) * 5u + col0 / 4u + 0u] = acc9_0; } }
  if (row0 + 10u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + gid.z * rows * 5u + (row0 + 10u) * 5u + col0 / 4u + 0u] = acc10_0; } }
  if (row0 + 11u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + gid.z * rows * 5u + (row0 + 11u) * 5u + col0 / 4u + 0u] = acc11_0; } }
  if (row0 + 12u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + gid.z * rows * 5u + (row0 + 12u) * 5u + col0 / 4u + 0u] = acc12_0; } }
  if (row0 + 13u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + gid.z * rows * 5u + (row0 + 13u) * 5u + col0 / 4u + 0u] = acc13_0; } }
  if (row0 + 14u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + gid.z * rows * 5u + (row0 + 14u) * 5u + col0 / 4u + 0u] = acc14_0; } }
  if (row0 + 15u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + gid.z * rows * 5u + (row0 + 15u) * 5u + col0 / 4u + 0u] = acc15_0; } }
}
